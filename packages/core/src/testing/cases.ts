import { dispose, getBackend, grads, memory, setBackend, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { GNN_KERNEL_NAMES, type GnnKernelName, type OptionalKernelName } from '../kernels/kernel_names.js';
import { assertBitIdentical, assertClose, DEFAULT_TOLERANCE, type ConformanceTolerance } from './compare.js';
import { sizeOf } from './host_tensor.js';
import { mulberry32, randomFloats } from './rng.js';
import type { ConformanceGraph } from './graphs.js';
import { conformanceScenarios, graphTensors, kernelScenarios, toTensor, type NodeSegments, type Scenario } from './scenarios.js';

/**
 * One self-contained check. `run()` rejects with a descriptive `Error` on
 * mismatch. It reads results asynchronously (`await tensor.data()`), so it
 * runs on backends without a synchronous read-back (WebGPU in Node), and it
 * disposes every tensor it made, read-backs included.
 */
export interface ConformanceCase {
  readonly name: string;
  /** The kernel under test (a GNN kernel, or an optional one of `optionalKernelCases`). */
  readonly kernel: GnnKernelName | OptionalKernelName;
  run(): Promise<void>;
}

export interface ConformanceOptions {
  /** Seed of the random graphs, features and upstream gradients (default 1234). */
  readonly seed?: number;
  /** Only these kernels (default: every name in `GNN_KERNEL_NAMES`). */
  readonly kernels?: readonly GnnKernelName[];
  /** Overrides of {@link DEFAULT_TOLERANCE}. */
  readonly tolerance?: Partial<ConformanceTolerance>;
}

/** The op's output followed by its gradients w.r.t. each of the scenario's inputs. */
type Evaluation = readonly [output: Tensor, ...gradients: Tensor[]];

/**
 * Runs the op forward and backward inside a `tidy` (`dy` is a seeded random
 * upstream gradient) and returns only the tensors to read; the caller disposes them.
 */
function evaluate(scenario: Scenario, seed: number): Evaluation {
  return tidy(() => {
    const graph = graphTensors(scenario.graph);
    const inputs = scenario.inputs.map((input) => toTensor(input.value));
    const output = scenario.apply(inputs, graph);
    const dy = upstream(scenario, output.shape, seed);
    const gradients = grads((...xs: Tensor[]) => scenario.apply(xs, graph))(inputs, toTensor(dy));
    return [output, ...gradients];
  }) as unknown as Evaluation;
}

/** Evaluates, hands the results to `check` and frees them however `check` ends. */
async function withEvaluation<T>(scenario: Scenario, seed: number, check: (e: Evaluation) => Promise<T>): Promise<T> {
  const evaluation = evaluate(scenario, seed);
  try {
    return await check(evaluation);
  } finally {
    dispose([...evaluation]);
  }
}

function upstream(scenario: Scenario, shape: readonly number[], seed: number): { shape: readonly number[]; data: Float64Array } {
  return { shape, data: randomFloats(mulberry32(seed + 7), sizeOf(shape)) };
}

function correctnessCase(scenario: Scenario, seed: number, tolerance: ConformanceTolerance): ConformanceCase {
  return {
    name: scenario.name,
    kernel: scenario.kernel,
    run: () =>
      withEvaluation(scenario, seed, async ([output, ...gradients]) => {
        await assertClose(output, scenario.reference(), tolerance, `${scenario.name}: forward`);
        const expected = scenario.referenceGrads(upstream(scenario, output.shape, seed));
        for (const [k, input] of scenario.inputs.entries()) {
          await assertClose(gradients[k]!, expected[k]!, tolerance, `${scenario.name}: gradient w.r.t. ${input.name}`);
        }
      }),
  };
}

function determinismCase(scenario: Scenario, seed: number): ConformanceCase {
  const what = (k: number): string => (k === 0 ? 'forward' : `gradient w.r.t. ${scenario.inputs[k - 1]!.name}`);
  return {
    name: `${scenario.kernel} is deterministic (${scenario.name})`,
    kernel: scenario.kernel,
    run: () =>
      withEvaluation(scenario, seed, (first) =>
        withEvaluation(scenario, seed, async (second) => {
          for (const [k, tensor] of first.entries()) {
            await assertBitIdentical(tensor, second[k]!, `${scenario.name}: ${what(k)}`);
          }
        }),
      ),
  };
}

/** Forward, backward and the asynchronous read of every result; the count must not move. */
async function evaluateAndRead(scenario: Scenario, seed: number): Promise<void> {
  await withEvaluation(scenario, seed, async (evaluation) => {
    await Promise.all(evaluation.map((t) => t.data()));
  });
}

function noLeakCase(scenario: Scenario, seed: number): ConformanceCase {
  return {
    name: `${scenario.kernel} frees its intermediates (${scenario.name})`,
    kernel: scenario.kernel,
    run: async () => {
      // Warm up first: lazy composite registration and backend caches are not leaks.
      await evaluateAndRead(scenario, seed);
      const before = memory().numTensors;
      await evaluateAndRead(scenario, seed);
      const after = memory().numTensors;
      if (after !== before) {
        throw new Error(`${scenario.name}: forward + backward + read-back left ${after - before} tensors behind`);
      }
    },
  };
}

/**
 * The GNN kernel conformance suite, framework-free: every kernel's output
 * and its gradients w.r.t. every float input (through `tf.grads` with a random
 * upstream gradient) against float64 references, on seeded random graphs and
 * edge cases (no edges, isolated nodes, duplicate edges, self-loops, one node,
 * a 300-edge hub, heads, rank-1 rows, tied maxima, large logits, and for
 * AdditiveAttention edges out of range and LeakyReLU's kink); plus one
 * determinism and one no-leak case per kernel. Run it on the active backend.
 *
 * @example
 * ```ts
 * import { conformanceCases } from '@gnnjs/core/testing';
 * await tf.setBackend('my-backend');
 * for (const c of conformanceCases()) it(c.name, () => c.run()); // vitest awaits the promise
 * ```
 */
export function conformanceCases(options: ConformanceOptions = {}): ConformanceCase[] {
  const tolerance: ConformanceTolerance = { ...DEFAULT_TOLERANCE, ...options.tolerance };
  return scenarioCases(options.seed ?? 1234, options.kernels ?? GNN_KERNEL_NAMES, tolerance);
}

/**
 * The correctness cases of `kernels`' scenarios, then one determinism and one
 * no-leak case per kernel (the GNN kernels here, the optional fused attention
 * kernels in `optionalKernelCases`).
 */
export function scenarioCases(seed: number, kernels: readonly (GnnKernelName | OptionalKernelName)[], tolerance: ConformanceTolerance): ConformanceCase[] {
  const wanted = new Set<string>(kernels);
  const scenarios = conformanceScenarios(seed).filter((s) => wanted.has(s.kernel));
  const cases = scenarios.map((s) => correctnessCase(s, seed, tolerance));
  for (const kernel of kernels) {
    const first = scenarios.find((s) => s.kernel === kernel && s.graph.name.startsWith('random'));
    if (first !== undefined) cases.push(determinismCase(first, seed), noLeakCase(first, seed));
  }
  return cases;
}

/** The parts of a test framework (vitest, jest, mocha, ...) the suite needs. */
export interface TestFramework {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => void | Promise<void>): void;
  /** When given, the backend is switched here; otherwise in a first test. */
  beforeAll?(body: () => Promise<void>): void;
}

/**
 * Registers {@link conformanceCases} with a test framework, one test per case,
 * on `backendName` (which must already be registered with tfjs).
 *
 * @example
 * ```ts
 * import { beforeAll, describe, it } from 'vitest';
 * runConformanceSuite('cpu', { describe, it, beforeAll });
 * ```
 */
export function runConformanceSuite(backendName: string, framework: TestFramework, options: ConformanceOptions = {}): void {
  framework.describe(`GNN kernel conformance on '${backendName}'`, () => {
    const switchBackend = async (): Promise<void> => {
      if (!(await setBackend(backendName))) throw new Error(`backend '${backendName}' failed to initialise`);
    };
    if (framework.beforeAll) framework.beforeAll(switchBackend);
    else framework.it(`switches to '${backendName}'`, switchBackend);
    for (const c of conformanceCases(options)) {
      framework.it(c.name, async () => {
        if (getBackend() !== backendName) {
          throw new Error(`active backend is '${getBackend()}', expected '${backendName}'`);
        }
        await c.run();
      });
    }
  });
}

/** Options of {@link kernelCases}. */
export interface KernelCaseOptions {
  /** Seed of the features and upstream gradients. */
  readonly seed: number;
  /** Node segments for `SegmentAttention` (default: one segment of every node). */
  readonly segments?: NodeSegments | undefined;
  /** Overrides of {@link DEFAULT_TOLERANCE}. */
  readonly tolerance?: Partial<ConformanceTolerance> | undefined;
}

/**
 * One correctness case (forward and every gradient against the float64
 * reference) per GNN kernel and per optional fused attention kernel
 * (`GnnAttentionProjection`, `GnnSoftmaxAggregate`, `GnnGatAttention`) on
 * `graph`, on the active backend: what a
 * property-based test runs on each graph it draws (duplicates, self-loops,
 * isolated nodes, no edges, bipartite).
 *
 * @example
 * ```ts
 * const graph = conformanceGraph('drawn', 3, [0, 0, 2], [1, 1, 2]);
 * for (const c of kernelCases(graph, { seed: 1 })) await c.run();
 * ```
 */
export function kernelCases(graph: ConformanceGraph, options: KernelCaseOptions): ConformanceCase[] {
  const tolerance: ConformanceTolerance = { ...DEFAULT_TOLERANCE, ...options.tolerance };
  return kernelScenarios(options.seed, graph, options.segments).map((s) => correctnessCase(s, options.seed, tolerance));
}
