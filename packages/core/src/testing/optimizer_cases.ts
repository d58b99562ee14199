/**
 * Conformance cases of the optional optimizer kernel `GnnAdamStep`: against a
 * float64 reference, against the op-by-op composite bit for bit (the
 * numbers of the optimizers' torch-trajectory and golden-history tests), and
 * for leaks. A backend's conformance test runs them beside the GNN kernels'.
 */
import { dispose, memory, tensor, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { adamStep } from '../optim/adam_step.js';
import { adamStepComposite } from '../optim/adam_step_composite.js';
import { AdamStep, type AdamStepAttrs } from '../optim/adam_step_kernel.js';
import type { ConformanceCase } from './cases.js';
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
const SCENARIOS: readonly AdamScenario[] = [
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

/**
 * The `GnnAdamStep` cases for the active backend: each scenario against
 * torch's update in float64 and against the composite bit for bit, plus a
 * no-leak case.
 *
 * @example
 * ```ts
 * for (const c of optimizerCases()) it(c.name, () => c.run());
 * ```
 */
export function optimizerCases(options: { seed?: number } = {}): ConformanceCase[] {
  const seed = options.seed ?? 1234;
  const cases: ConformanceCase[] = [];
  for (const [k, scenario] of SCENARIOS.entries()) {
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
      const scenario = SCENARIOS[3]!;
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
