/**
 * `GnnDropoutMatMul` and its weight gradient on typed arrays: dropout fused
 * into the product, from the non-zeros of `x` when it is mostly zero (kept
 * per tensor by `cachedCsr`, so bag-of-words features are scanned once),
 * otherwise dropout into a scratch array and the backend's product. Either
 * way the numbers are those of `GnnDropout` followed by the backend's
 * `BatchMatMul` (the same non-zeros summed in the same order).
 */
import { BatchMatMul, getKernel, type KernelBackend, type TensorInfo } from '@tensorflow/tfjs-core';
import { cachedCsr, type CsrMatrix } from './csr_cache.js';
import { dropoutImpl, sparseDropoutImpl } from './dropout_impl.js';
import type { HostMemory } from './host_memory.js';
import type { MatMulDims } from './sparse_matmul_impl.js';

/** Density up to which dropout works from the input's non-zeros (as the `GnnDropout` kernels). */
export const SPARSE_DROPOUT_DENSITY = 0.05;

/** The last mask drawn per input, so the weight gradient reuses the forward's. */
const lastDropped = new WeakMap<object, { rate: number; seed: number; dropped: CsrMatrix }>();

/**
 * The non-zeros of `dropout(x)` for the `rows × cols` matrix `x` (tensor
 * `key`), or undefined when `x` is too dense to work from its non-zeros.
 */
export function droppedCsr(key: object, x: Float32Array, rows: number, cols: number, rate: number, seed: number): CsrMatrix | undefined {
  const last = lastDropped.get(key);
  if (last !== undefined && last.rate === rate && last.seed === seed) return last.dropped;
  const csr = cachedCsr(key, x, 0, rows, cols, Math.floor(SPARSE_DROPOUT_DENSITY * rows * cols));
  if (csr === undefined) return undefined;
  const dropped = sparseDropoutImpl(csr, cols, rate, seed, null);
  lastDropped.set(key, { rate, seed, dropped });
  return dropped;
}

/** `dropout(x)` as a dense array (the path for inputs too dense to skip zeros in). */
export function droppedDense(x: Float32Array, rate: number, seed: number): Float32Array {
  const out = new Float32Array(x.length);
  dropoutImpl(x, rate, seed, out);
  return out;
}

/** `out[j, i] = a[i, j]` for row-major `a: [rows, cols]`. */
export function transposeImpl(a: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[row + j]!;
  }
}

/** Sizes of `x: [m, k]`, `weight: [n, k]` and the product `[m, n]`. */
export function dropoutMatMulDims(xShape: readonly number[], weightShape: readonly number[]): MatMulDims {
  return { m: xShape[0]!, k: xShape[1]!, n: weightShape[0]! };
}

/**
 * `a · b` for arrays `a: [m, k]`, `b: [k, n]` by the backend's registered
 * `BatchMatMul` (the path an unfused dropout and product take), as a new
 * tensor of the backend.
 */
export function registeredMatMul<Backend>(
  memory: HostMemory<Backend>,
  backend: Backend,
  a: Float32Array,
  b: Float32Array,
  dims: MatMulDims,
): TensorInfo {
  const ta = memory.float32Output(backend, [dims.m, dims.k]);
  ta.values.set(a);
  // Allocated after `a` was written: the allocation may detach earlier views.
  const tb = memory.float32Output(backend, [dims.k, dims.n]);
  tb.values.set(b);
  const kernel = getKernel(BatchMatMul, memory.backendName);
  if (kernel === undefined) throw new Error(`backend '${memory.backendName}' has no BatchMatMul kernel`);
  const out = kernel.kernelFunc({
    inputs: { a: ta.out, b: tb.out },
    backend: backend as unknown as KernelBackend,
    attrs: { transposeA: false, transposeB: false },
  }) as TensorInfo;
  memory.dispose(backend, ta.out);
  memory.dispose(backend, tb.out);
  return out;
}
