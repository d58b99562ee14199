import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, MessagePassing, Module, type Module as ModuleType } from '@gnnjs/core';
import type { AttentionWeights, OutputWithAttention } from '../conv/attention.js';
import { isAttentionLayer, type RelationLayer } from './relation_layers.js';

/** A module a {@link GraphSequential} step builds: a message-passing layer, or a module applied to each node's features. */
export type StepModule = RelationLayer | (ModuleType & { forward(x: tf.Tensor2D): tf.Tensor });

/**
 * One step of a {@link GraphSequential}:
 * - `[name, () => layer]`: a module, built by the factory. A message-passing
 *   layer (`GATConv`, `SAGEConv`, … any `MessagePassing`) runs on
 *   `(x, edgeIndex)`; any other module (`Linear`, `Dropout`, `MLP`, …) on
 *   `x`. Its parameters are named `<name>.*`. The factory is what lets
 *   {@link toHetero} build one copy per edge type or node type.
 * - a function of the features (`elu`, `relu`, `(x) => tf.tanh(x)`):
 *   applied as is, nothing to learn, not named (PyG's `x.elu()`).
 */
export type GraphStep = readonly [name: string, make: () => StepModule] | ((x: tf.Tensor2D) => tf.Tensor2D);

/** A named step, resolved. */
export interface NamedStep {
  readonly name: string;
  readonly make: () => StepModule;
  /** Whether it passes messages (runs per edge type under `toHetero`), else it runs per node type. */
  readonly messagePassing: boolean;
}

/** Options of {@link GraphSequential.forward}. */
export interface GraphSequentialForwardOptions {
  /** Also return each attention layer's coefficients, by step name (default `false`). */
  returnAttentionWeights?: boolean;
}

/** {@link GraphSequential.forward}'s result with `returnAttentionWeights`; the caller owns every tensor. */
export interface GraphSequentialOutputWithAttention {
  output: tf.Tensor2D;
  attention: Record<string, AttentionWeights>;
}

/**
 * A homogeneous GNN as a sequence of steps that {@link toHetero} can walk:
 * TypeScript has no `torch.fx` to trace a `forward`, so the model says its
 * structure. Each step is a named layer factory or a function of the
 * features (see {@link GraphStep}); `forward(x, edgeIndex)` runs them in
 * order. Parameters are named `<step>.<name>`, as attributes of a PyG
 * module are (`conv1.lin_src.weight`).
 *
 * @example
 * ```ts
 * const gat = new GraphSequential([
 *   ['conv1', () => new GATConv([-1, -1], 8, { heads: 2, addSelfLoops: false })],
 *   elu,
 *   ['conv2', () => new GATConv([-1, -1], 3, { addSelfLoops: false })],
 * ]);
 * const out = gat.forward(x, edgeIndex); // [N, 3]
 * const hetero = toHetero(gat, graph.metadata(), { aggr: 'sum' });
 * ```
 */
export class GraphSequential extends Module {
  /** The steps, as given: what {@link toHetero} reads. */
  readonly steps: readonly GraphStep[];
  readonly #modules: ReadonlyArray<StepModule | ((x: tf.Tensor2D) => tf.Tensor2D)>;

  constructor(steps: readonly GraphStep[]) {
    super();
    this.steps = Object.freeze([...steps]);
    this.#modules = this.steps.map((step, k) => {
      if (typeof step === 'function') return step;
      const { name, make } = namedStep(step, k);
      return this.registerModule(name, checkStepModule(make(), name));
    });
  }

  /** Runs the steps; with `returnAttentionWeights` also the attention of each attention layer, by step name. */
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, options: GraphSequentialForwardOptions & { returnAttentionWeights: true }): GraphSequentialOutputWithAttention;
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, options?: GraphSequentialForwardOptions & { returnAttentionWeights?: false }): tf.Tensor2D;
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, options?: GraphSequentialForwardOptions): tf.Tensor2D | GraphSequentialOutputWithAttention;
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, options: GraphSequentialForwardOptions = {}): tf.Tensor2D | GraphSequentialOutputWithAttention {
    const withAttention = options.returnAttentionWeights === true;
    const result = tf.tidy(() => {
      const attention: Record<string, AttentionWeights> = {};
      let h = x;
      this.#modules.forEach((module, k) => {
        if (typeof module === 'function') {
          h = module(h);
        } else if (module instanceof MessagePassing) {
          if (withAttention && isAttentionLayer(module)) {
            const out = module.forward(h, edgeIndex, { returnAttentionWeights: true }) as OutputWithAttention;
            attention[(this.steps[k] as readonly [string, unknown])[0]] = out.attention;
            h = out.output;
          } else {
            h = (module.forward as (x: tf.Tensor2D, e: tf.Tensor2D) => tf.Tensor2D)(h, edgeIndex);
          }
        } else {
          h = (module as { forward(x: tf.Tensor2D): tf.Tensor2D }).forward(h);
        }
      });
      return { output: h, attention } as unknown as tf.TensorContainer;
    }) as unknown as GraphSequentialOutputWithAttention;
    return withAttention ? result : result.output;
  }
}

/** A named step's name and factory, checked. */
export function namedStep(step: readonly [string, () => StepModule], k: number): { name: string; make: () => StepModule } {
  if (!Array.isArray(step) || step.length !== 2 || typeof step[0] !== 'string' || typeof step[1] !== 'function') {
    throw new GraphValidationError(`steps[${k}]`, "expected [name, () => module] or a function of the features, e.g. ['conv1', () => new GATConv([-1, -1], 8)] or elu");
  }
  return { name: step[0], make: step[1] };
}

/** What a factory built must be a module with `forward`. */
export function checkStepModule(module: unknown, name: string): StepModule {
  if (!(module instanceof Module) || typeof (module as { forward?: unknown }).forward !== 'function') {
    throw new GraphValidationError(name, 'the step factory must return a GNN.js module with forward()');
  }
  return module as StepModule;
}

/** The named steps of a model, with whether each passes messages (built once to find out). */
export function describeSteps(model: GraphSequential): Array<NamedStep | ((x: tf.Tensor2D) => tf.Tensor2D)> {
  const built = new Map(model.namedChildren());
  return model.steps.map((step, k) => {
    if (typeof step === 'function') return step;
    const { name, make } = namedStep(step, k);
    return { name, make, messagePassing: built.get(name) instanceof MessagePassing };
  });
}
