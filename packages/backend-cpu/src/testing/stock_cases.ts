/**
 * Cases that run one of tfjs's own kernels both through the kernel a backend
 * package registered in its place and through tfjs's original (`stock`), on
 * the active backend, and compare the results.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { seededRandom } from './random_graph.js';

/** One comparison: its name, and `run(stock)` that throws on a mismatch. */
export interface StockCase {
  name: string;
  kernelName: string;
  run(stock: KernelConfig): void;
}

/** `n` values from `random`, each zero with probability `zeroProbability`. */
function values(n: number, random: () => number, zeroProbability = 0): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = random() < zeroProbability ? 0 : random() * 4 - 2;
  return out;
}

function compare(kernelName: string, inputs: Record<string, tf.Tensor>, attrs: NamedAttrMap, stock: KernelConfig, tolerance: number): void {
  const ours = tf.engine().runKernel(kernelName, inputs, attrs) as tf.Tensor;
  const backend = tf.backend();
  const theirs = stock.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
  try {
    const expectedShape = theirs.shape.join(',');
    if (ours.shape.join(',') !== expectedShape || ours.dtype !== theirs.dtype) {
      throw new Error(`${kernelName}: got ${ours.dtype} [${ours.shape.join(',')}], tfjs gives ${theirs.dtype} [${expectedShape}]`);
    }
    const got = ours.dataSync();
    const want = backend.readSync(theirs.dataId) as ArrayLike<number>;
    for (let i = 0; i < want.length; i++) {
      const g = Number(got[i]);
      const w = Number(want[i]);
      if (!(Math.abs(g - w) <= tolerance * (1 + Math.abs(w))) && !(Number.isNaN(g) && Number.isNaN(w))) {
        throw new Error(`${kernelName}: value ${i} is ${g}, tfjs gives ${w}`);
      }
    }
  } finally {
    ours.dispose();
    backend.disposeData(theirs.dataId);
  }
}

/**
 * Comparisons for the kernels named in `kernelNames` (those the package
 * replaces). Inputs are seeded; matrix products include operands sparse
 * enough for the zero-skipping path and dense ones that decline it. `exclude`
 * names cases (`'Kernel: case'`) where tfjs's own kernel is itself wrong.
 *
 * @example
 * ```ts
 * for (const c of stockCases(['Multiply'])) it(c.name, () => c.run(stockKernels.get(c.kernelName)!));
 * ```
 */
export function stockCases(kernelNames: readonly string[], exclude: readonly string[] = []): StockCase[] {
  const random = seededRandom(7);
  const t = (shape: number[], zeroProbability = 0): tf.Tensor => tf.tensor(values(shape.reduce((p, d) => p * d, 1), random, zeroProbability), shape);
  const cases: StockCase[] = [];
  const add = (kernelName: string, name: string, make: () => [Record<string, tf.Tensor>, NamedAttrMap], tolerance = 1e-6): void => {
    if (!kernelNames.includes(kernelName) || exclude.includes(`${kernelName}: ${name}`)) return;
    cases.push({
      name: `${kernelName}: ${name}`,
      kernelName,
      run: (stock) => {
        const [inputs, attrs] = make();
        try {
          compare(kernelName, inputs, attrs, stock, tolerance);
        } finally {
          tf.dispose(Object.values(inputs));
        }
      },
    });
  };
  for (const op of ['Multiply', 'Add', 'Sub', 'RealDiv']) {
    add(op, 'same shape', () => [{ a: t([5, 7]), b: t([5, 7]) }, {}]);
    add(op, '[N, H, 1] with [N, H, C]', () => [{ a: t([4, 3, 1]), b: t([4, 3, 5]) }, {}]);
    add(op, '[3, 1] with [1, 4] both ways', () => [{ a: t([3, 1]), b: t([1, 4]) }, {}]);
    add(op, 'a scalar right', () => [{ a: t([2, 3]), b: t([]) }, {}]);
    add(op, 'a lower-rank left', () => [{ a: t([4]), b: t([2, 3, 4]) }, {}]);
    add(op, '[N, H, C] with [H, C] (rows merged over H, C)', () => [{ a: t([6, 3, 4]), b: t([3, 4]) }, {}]);
    add(op, '[N, 1, C] with [N, H, C] (no merge across the broadcast axis)', () => [{ a: t([5, 1, 4]), b: t([5, 3, 4]) }, {}]);
    add(op, '[2, 3, 4, 5] with [4, 1] (a constant run, then broadcast)', () => [{ a: t([2, 3, 4, 5]), b: t([4, 1]) }, {}]);
    add(op, 'int32 (tfjs runs it)', () => [{ a: tf.tensor([1, 2, 3], [3], 'int32'), b: tf.tensor([4, 5, 6], [3], 'int32') }, {}]);
  }
  add('Elu', 'float32 of both signs', () => [{ x: t([40, 7]) }, {}]);
  add('Sum', 'trailing axis', () => [{ x: t([4, 3, 5]) }, { axis: [2], keepDims: false }]);
  add('Sum', 'leading axis, keepDims', () => [{ x: t([6, 4]) }, { axis: 0, keepDims: true }]);
  add('Sum', 'middle axes, negative', () => [{ x: t([2, 3, 4, 5]) }, { axis: [-3, -2], keepDims: false }]);
  add('Sum', 'every axis (null)', () => [{ x: t([3, 4]) }, { axis: null as unknown as number, keepDims: false }]);
  add('Sum', 'non-contiguous axes (tfjs runs it)', () => [{ x: t([2, 3, 4]) }, { axis: [0, 2], keepDims: false }]);
  add('Transpose', 'a matrix', () => [{ x: t([5, 3]) }, { perm: [1, 0] }]);
  add('Transpose', 'rank 3 (tfjs runs it)', () => [{ x: t([2, 3, 4]) }, { perm: [2, 0, 1] }]);
  add('Reverse', 'an int32 edge index', () => [{ x: tf.tensor([0, 1, 2, 3, 4, 5], [2, 3], 'int32') }, { dims: [0] }]);
  add('Reverse', 'float32 rank 3, axis -3', () => [{ x: t([3, 2, 2]) }, { dims: -3 }]);
  add('Reverse', 'bool', () => [{ x: tf.tensor([1, 0, 0, 1], [2, 2], 'bool') }, { dims: 0 }]);
  add('Reverse', 'the last axis (tfjs runs it)', () => [{ x: t([2, 3]) }, { dims: [1] }]);
  add('Greater', 'float32 with a scalar', () => [{ a: t([40, 3]), b: tf.scalar(0.1) }, {}]);
  add('Greater', 'two tensors (tfjs runs it)', () => [{ a: t([4, 3]), b: t([4, 3]) }, {}]);
  const mm = (a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false): [Record<string, tf.Tensor>, NamedAttrMap] => [
    { a, b },
    { transposeA, transposeB },
  ];
  add('BatchMatMul', 'sparse left operand', () => mm(t([64, 48], 0.99), t([48, 32])), 1e-5);
  add('BatchMatMul', 'sparse right operand', () => mm(t([32, 48]), t([48, 64], 0.99)), 1e-5);
  add('BatchMatMul', 'sparse left, 13 columns (eight summed in registers, then a tail)', () => mm(t([120, 61], 0.97), t([61, 13])), 1e-5);
  add('BatchMatMul', 'sparse right, 11 rows (eight summed in registers, then a tail)', () => mm(t([11, 90]), t([90, 70], 0.97)), 1e-5);
  add('BatchMatMul', 'rank 3, batch 1, sparse left', () => mm(t([1, 64, 48], 0.99), t([1, 48, 32])), 1e-5);
  add('BatchMatMul', 'an all-zero operand', () => mm(t([64, 48], 1), t([48, 32])), 1e-5);
  add('BatchMatMul', 'dense operands (cpu: the i-p-j loop; wasm: tfjs runs it)', () => mm(t([64, 48]), t([48, 32])), 1e-5);
  add('BatchMatMul', 'dense, odd sizes, a NaN', () => {
    const withNaN = tf.tidy(() => tf.where(tf.equal(tf.reshape(tf.range(0, 37 * 45), [37, 45]), 100), tf.fill([37, 45], NaN), t([37, 45])));
    return mm(withNaN, t([45, 29]));
  }, 1e-5);
  add('BatchMatMul', 'transposed and sparse (tfjs runs it)', () => mm(t([48, 64], 0.99), t([48, 32]), true), 1e-5);
  return cases;
}
