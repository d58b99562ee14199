/**
 * Conformance cases of the optional fused kernels (`OPTIONAL_KERNEL_NAMES`),
 * which a backend may leave to their composites (`GnnAdamStep`,
 * `GnnDropoutMatMul` and its gradient kernel, the fused attention kernels of
 * aggregate_scenarios.ts): against float64 references, against the composites bit for bit
 * (the unfused numbers, which the optimizers' torch-trajectory tests and the
 * training golden histories were recorded with), and for leaks. A backend's
 * conformance test runs them beside the GNN kernels'.
 */
import { dispose, grads, memory, tensor, tensor2d, tidy, type Tensor, type Tensor2D } from '@tensorflow/tfjs-core';
import { dropoutMask } from '../kernels/dropout_mask.js';
import { dropoutMatMulComposite, dropoutMatMulGradComposite } from '../kernels/composite/DropoutMatMul.js';
import { DropoutMatMul, DropoutMatMulGrad, type DropoutMatMulAttrs } from '../kernels/dropout_matmul_kernel.js';
import { dropoutMatMul } from '../ops/dropout_matmul.js';
import { runGnnKernel } from '../ops/run_kernel.js';
import { adamStep } from '../optim/adam_step.js';
import { adamStepComposite } from '../optim/adam_step_composite.js';
import { AdamStep, type AdamStepAttrs } from '../optim/adam_step_kernel.js';
import { AttentionProjection, GatAttention, SoftmaxAggregate } from '../kernels/kernel_names.js';
import { scenarioCases, type ConformanceCase } from './cases.js';
import { assertBitIdentical, assertClose, DEFAULT_TOLERANCE } from './compare.js';
import type { HostTensor } from './host_tensor.js';
import { mulberry32, randomFloats } from './rng.js';

interface AdamScenario {
  name: string;
  shape: number[];
  attrs: AdamStepAttrs;
  amsgrad: boolean;
}

const ADAM = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/** Plain Adam, L2 decay, decoupled decay, amsgrad; lengths off SIMD's four lanes; a scalar and an empty tensor. */
const ADAM_SCENARIOS: readonly AdamScenario[] = [
  { name: 'Adam, no decay, first step', shape: [37], attrs: { ...ADAM, weightDecay: 0, decoupled: false, step: 1 }, amsgrad: false },
  { name: 'Adam, L2 decay, step 3', shape: [5, 13], attrs: { ...ADAM, weightDecay: 5e-4, decoupled: false, step: 3 }, amsgrad: false },
  { name: 'AdamW, step 2', shape: [4, 4], attrs: { ...ADAM, lr: 0.005, weightDecay: 1e-2, decoupled: true, step: 2 }, amsgrad: false },
  { name: 'Adam amsgrad, L2 decay, step 5', shape: [23], attrs: { ...ADAM, beta1: 0.8, beta2: 0.99, weightDecay: 0.1, decoupled: false, step: 5 }, amsgrad: true },
  { name: 'AdamW amsgrad, a scalar', shape: [], attrs: { ...ADAM, weightDecay: 0.5, decoupled: true, step: 1 }, amsgrad: true },
  { name: 'Adam, an empty tensor', shape: [0, 3], attrs: { ...ADAM, weightDecay: 5e-4, decoupled: false, step: 1 }, amsgrad: false },
];

interface HostState {
  param: Float64Array;
  grad: Float64Array;
  expAvg: Float64Array;
  expAvgSq: Float64Array;
  maxExpAvgSq: Float64Array | undefined;
}

function hostState(scenario: AdamScenario, seed: number): HostState {
  const random = mulberry32(seed);
  const size = scenario.shape.reduce((a, b) => a * b, 1);
  const grad = randomFloats(random, size);
  // A zero gradient where the moments still move the parameter.
  if (size > 2) grad[2] = 0;
  return {
    param: randomFloats(random, size),
    grad,
    expAvg: randomFloats(random, size, -0.1, 0.1),
    expAvgSq: randomFloats(random, size, 0.01, 1),
    maxExpAvgSq: scenario.amsgrad ? randomFloats(random, size, 0.01, 1) : undefined,
  };
}

/** torch's update in float64: `[param', m', v', (s)]`. */
function adamReference(scenario: AdamScenario, h: HostState): HostTensor[] {
  const { lr, beta1, beta2, eps, weightDecay, decoupled, step } = scenario.attrs;
  const size = h.param.length;
  const out = Array.from({ length: h.maxExpAvgSq === undefined ? 3 : 4 }, () => ({ shape: scenario.shape, data: new Float64Array(size) }));
  for (let i = 0; i < size; i++) {
    const p = h.param[i]!;
    const g = !decoupled ? h.grad[i]! + weightDecay * p : h.grad[i]!;
    const m = beta1 * h.expAvg[i]! + (1 - beta1) * g;
    const v = beta2 * h.expAvgSq[i]! + (1 - beta2) * g * g;
    const s = h.maxExpAvgSq === undefined ? v : Math.max(h.maxExpAvgSq[i]!, v);
    const denom = Math.sqrt(s) / Math.sqrt(1 - beta2 ** step) + eps;
    const base = decoupled ? p * (1 - lr * weightDecay) : p;
    out[0]!.data[i] = base - (lr / (1 - beta1 ** step)) * (m / denom);
    out[1]!.data[i] = m;
    out[2]!.data[i] = v;
    if (out[3] !== undefined) out[3].data[i] = s;
  }
  return out;
}

function tensors(scenario: AdamScenario, h: HostState): Record<keyof HostState, Tensor | undefined> {
  const t = (data: Float64Array | undefined): Tensor | undefined => (data === undefined ? undefined : tensor(Float32Array.from(data), scenario.shape, 'float32'));
  return { param: t(h.param), grad: t(h.grad), expAvg: t(h.expAvg), expAvgSq: t(h.expAvgSq), maxExpAvgSq: t(h.maxExpAvgSq) };
}

/** The kernel's outputs in order (`param'`, `m'`, `v'`, then amsgrad's maximum). */
function runKernel(scenario: AdamScenario, h: HostState): Tensor[] {
  return tidy(() => {
    const t = tensors(scenario, h);
    const next = adamStep({ param: t.param!, expAvg: t.expAvg!, expAvgSq: t.expAvgSq!, maxExpAvgSq: t.maxExpAvgSq }, t.grad!, scenario.attrs);
    return [next.param, next.expAvg, next.expAvgSq, ...(next.maxExpAvgSq === undefined ? [] : [next.maxExpAvgSq])];
  });
}

function runComposite(scenario: AdamScenario, h: HostState): Tensor[] {
  return tidy(() => {
    const t = tensors(scenario, h);
    const inputs = Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Record<string, Tensor>;
    return adamStepComposite(inputs, { ...scenario.attrs });
  });
}

const OUTPUTS = ['param', 'expAvg', 'expAvgSq', 'maxExpAvgSq'];

/** The `GnnAdamStep` cases: each scenario against torch's update in float64 and against the composite bit for bit, plus a no-leak case. */
function adamStepCases(seed: number): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const [k, scenario] of ADAM_SCENARIOS.entries()) {
    const h = hostState(scenario, seed + k);
    cases.push({
      name: `${AdamStep}: ${scenario.name}`,
      kernel: AdamStep,
      run: async () => {
        const got = runKernel(scenario, h);
        try {
          const expected = adamReference(scenario, h);
          for (const [i, t] of got.entries()) await assertClose(t, expected[i]!, DEFAULT_TOLERANCE, `${scenario.name}: ${OUTPUTS[i]}`);
        } finally {
          dispose(got);
        }
      },
    });
    cases.push({
      name: `${AdamStep}: ${scenario.name}, the op-by-op composite's numbers bit for bit`,
      kernel: AdamStep,
      run: async () => {
        const [got, composite] = [runKernel(scenario, h), runComposite(scenario, h)];
        try {
          for (const [i, t] of got.entries()) await assertBitIdentical(t, composite[i]!, `${scenario.name}: ${OUTPUTS[i]}`);
        } finally {
          dispose([...got, ...composite]);
        }
      },
    });
  }
  cases.push({
    name: `${AdamStep} frees its intermediates`,
    kernel: AdamStep,
    run: async () => {
      const scenario = ADAM_SCENARIOS[3]!;
      const h = hostState(scenario, seed);
      const readAll = async (): Promise<void> => {
        const out = runKernel(scenario, h);
        await Promise.all(out.map((t) => t.data()));
        dispose(out);
      };
      await readAll();
      const before = memory().numTensors;
      await readAll();
      if (memory().numTensors !== before) throw new Error(`${AdamStep} left ${memory().numTensors - before} tensors behind`);
    },
  });
  return cases;
}

interface DropoutMatMulScenario {
  name: string;
  m: number;
  k: number;
  n: number;
  /** Fraction of `x`'s entries that are non-zero. */
  density: number;
  attrs: DropoutMatMulAttrs;
}

/** Bag-of-words features (the path from their non-zeros), a product too small for it, dense features, a row without non-zeros, rate 0. */
const DROPOUT_MATMUL_SCENARIOS: readonly DropoutMatMulScenario[] = [
  { name: 'sparse features', m: 70, k: 310, n: 9, density: 0.02, attrs: { rate: 0.5, seed: 7 } },
  { name: 'sparse features, a small product', m: 12, k: 40, n: 5, density: 0.03, attrs: { rate: 0.6, seed: 0xfffffffe } },
  { name: 'dense features', m: 60, k: 45, n: 30, density: 1, attrs: { rate: 0.3, seed: 3 } },
  { name: 'rate 0', m: 40, k: 200, n: 13, density: 0.04, attrs: { rate: 0, seed: 1 } },
];

interface DropoutMatMulHost {
  x: Float64Array;
  weight: Float64Array;
  dy: Float64Array;
}

function dropoutMatMulHost(s: DropoutMatMulScenario, seed: number): DropoutMatMulHost {
  const random = mulberry32(seed);
  const values = randomFloats(random, s.m * s.k);
  // The first row stays empty: a node without features.
  const x = values.map((v, i) => (i >= s.k && random() < s.density ? v || 0.5 : 0));
  return { x, weight: randomFloats(random, s.n * s.k), dy: randomFloats(random, s.m * s.n) };
}

/** `[out, dWeight, dX]` in float64: `out = (x ∘ mask) · wᵀ`, `dW = dyᵀ · (x ∘ mask)`, `dX = (dy · w) ∘ mask`. */
function dropoutMatMulReference(s: DropoutMatMulScenario, h: DropoutMatMulHost): HostTensor[] {
  const { m, k, n } = s;
  const mask = dropoutMask(m * k, s.attrs.rate, s.attrs.seed);
  const dropped = h.x.map((v, i) => v * mask[i]!);
  const out = new Float64Array(m * n);
  const dWeight = new Float64Array(n * k);
  const dX = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) {
        out[i * n + j]! += dropped[i * k + p]! * h.weight[j * k + p]!;
        dWeight[j * k + p]! += h.dy[i * n + j]! * dropped[i * k + p]!;
        dX[i * k + p]! += h.dy[i * n + j]! * h.weight[j * k + p]! * mask[i * k + p]!;
      }
    }
  }
  return [
    { shape: [m, n], data: out },
    { shape: [n, k], data: dWeight },
    { shape: [m, k], data: dX },
  ];
}

function dropoutMatMulTensors(s: DropoutMatMulScenario, h: DropoutMatMulHost): { x: Tensor2D; weight: Tensor2D; dy: Tensor2D } {
  return {
    x: tensor2d(Float32Array.from(h.x), [s.m, s.k]),
    weight: tensor2d(Float32Array.from(h.weight), [s.n, s.k]),
    dy: tensor2d(Float32Array.from(h.dy), [s.m, s.n]),
  };
}

/** `GnnDropoutMatMul` forward and both gradients against float64, and against the unfused composites bit for bit. */
function dropoutMatMulCases(seed: number): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const [k, scenario] of DROPOUT_MATMUL_SCENARIOS.entries()) {
    const h = dropoutMatMulHost(scenario, seed + k);
    const { rate, seed: maskSeed } = scenario.attrs;
    cases.push({
      name: `${DropoutMatMul}: ${scenario.name}, forward and gradients (two masks of one x, as in two epochs)`,
      kernel: DropoutMatMul,
      run: async () => {
        const t = dropoutMatMulTensors(scenario, h);
        try {
          for (const epochSeed of [maskSeed, (maskSeed ^ 1) >>> 0]) {
            const got = tidy(() => {
              const f = (x: Tensor, w: Tensor): Tensor => dropoutMatMul(x as Tensor2D, w as Tensor2D, rate, epochSeed);
              const [dX, dWeight] = grads(f)([t.x, t.weight], t.dy);
              return [f(t.x, t.weight), dWeight!, dX!];
            });
            try {
              const expected = dropoutMatMulReference({ ...scenario, attrs: { rate, seed: epochSeed } }, h);
              const what = ['forward', 'gradient w.r.t. weight', 'gradient w.r.t. x'];
              for (const [i, r] of got.entries()) await assertClose(r, expected[i]!, DEFAULT_TOLERANCE, `${scenario.name}, seed ${epochSeed}: ${what[i]}`);
            } finally {
              dispose(got);
            }
          }
        } finally {
          dispose([t.x, t.weight, t.dy]);
        }
      },
    });
    cases.push({
      name: `${DropoutMatMul}: ${scenario.name}, the unfused numbers bit for bit (${DropoutMatMulGrad} too)`,
      kernel: DropoutMatMul,
      run: async () => {
        const [fused, unfused] = [
          tidy(() => {
            const t = dropoutMatMulTensors(scenario, h);
            return [dropoutMatMul(t.x, t.weight, rate, maskSeed), runGnnKernel(DropoutMatMulGrad, { x: t.x, dy: t.dy }, scenario.attrs)];
          }),
          tidy(() => {
            const t = dropoutMatMulTensors(scenario, h);
            return [dropoutMatMulComposite({ x: t.x, weight: t.weight }, { ...scenario.attrs }), dropoutMatMulGradComposite({ x: t.x, dy: t.dy }, { ...scenario.attrs })];
          }),
        ];
        try {
          await assertBitIdentical(fused[0]!, unfused[0]!, `${scenario.name}: forward`);
          await assertBitIdentical(fused[1]!, unfused[1]!, `${scenario.name}: weight gradient`);
        } finally {
          dispose([...fused, ...unfused]);
        }
      },
    });
  }
  cases.push({
    name: `${DropoutMatMul} frees its intermediates`,
    kernel: DropoutMatMul,
    run: async () => {
      const scenario = DROPOUT_MATMUL_SCENARIOS[0]!;
      const h = dropoutMatMulHost(scenario, seed);
      const readAll = async (): Promise<void> => {
        const out = tidy(() => {
          const t = dropoutMatMulTensors(scenario, h);
          const f = (x: Tensor, w: Tensor): Tensor => dropoutMatMul(x as Tensor2D, w as Tensor2D, scenario.attrs.rate, scenario.attrs.seed);
          return [f(t.x, t.weight), ...grads(f)([t.x, t.weight], t.dy)];
        });
        await Promise.all(out.map((t) => t.data()));
        dispose(out);
      };
      await readAll();
      const before = memory().numTensors;
      await readAll();
      if (memory().numTensors !== before) throw new Error(`${DropoutMatMul} left ${memory().numTensors - before} tensors behind`);
    },
  });
  return cases;
}

/**
 * The cases of the optional fused kernels (`GnnAdamStep`, `GnnDropoutMatMul`
 * with its gradient kernel) on the active backend: whichever runs there, its
 * own kernel or the composite.
 *
 * @example
 * ```ts
 * for (const c of optionalKernelCases()) it(c.name, () => c.run());
 * ```
 */
export function optionalKernelCases(options: { seed?: number } = {}): ConformanceCase[] {
  const seed = options.seed ?? 1234;
  const attention = scenarioCases(seed, [AttentionProjection, SoftmaxAggregate, GatAttention], DEFAULT_TOLERANCE);
  return [...adamStepCases(seed), ...dropoutMatMulCases(seed), ...attention];
}
