import * as tf from '@tensorflow/tfjs-core';
import type { HeteroGraph } from '@gnnjs/core';
import { GraphValidationError, Module, edgeTypeKey, toEdgeType, type EdgeType } from '@gnnjs/core';
import { assertAggregation, type ToHeteroAggregation } from './group.js';
import { WidthMemory, checkHeteroInputs, checkMetadataTypes, widthsOf } from './inputs.js';
import { dryRun, widthDict } from './materialize.js';
import { ModuleDict } from './module_dict.js';
import { checkAddSelfLoops, runRelations, type Relation, type RelationLayer } from './relation_layers.js';
import { GraphSequential, checkStepModule, describeSteps, type NamedStep, type StepModule } from './graph_sequential.js';
import type { EdgeIndexDict, HeteroAttention, HeteroForwardOptions, HeteroMetadata, OutputDict, WidthDict, XDict } from './types.js';

/** Options of {@link toHetero}. */
export interface ToHeteroOptions {
  /**
   * How the outputs of the relations into one node type are combined:
   * `'sum'` (default), `'mean'`, `'max'`, `'min'` or `'mul'`, element-wise.
   */
  aggr?: ToHeteroAggregation;
}

/** {@link ToHeteroModule.forward}'s result with `returnAttentionWeights`: attention by step name, then by relation. */
export interface ToHeteroOutputWithAttention {
  output: OutputDict;
  attention: Record<string, HeteroAttention>;
}

/** PyG's `key2str`: a node type, or an edge type joined by `__`, with ' ', '-' and ':' as '_'. */
export function key2str(key: string | EdgeType): string {
  const joined = typeof key === 'string' ? key : key.join('__');
  return joined.replace(/[ :-]/g, '_');
}

type Step =
  | { kind: 'relations'; name: string; relations: readonly Relation[] }
  | { kind: 'nodes'; name: string; modules: ModuleDict<StepModule> }
  | { kind: 'function'; fn: (x: tf.Tensor2D) => tf.Tensor2D };

/**
 * The heterogeneous version of a {@link GraphSequential}, made by
 * {@link toHetero}: each message-passing step is one layer per edge type
 * (outputs combined per destination type with `aggr`), each other module
 * one per node type, each function applied to every type. Parameters are
 * named as PyG's `to_hetero` names them (`conv1.account__pays__merchant.lin_src.weight`,
 * `lin.account.weight`), so PyG weights load as they are; `toString` is the
 * repr of PyG's `GraphModule`.
 */
export class ToHeteroModule extends Module {
  readonly nodeTypes: readonly string[];
  readonly edgeTypes: readonly EdgeType[];
  readonly aggr: ToHeteroAggregation;
  readonly #steps: readonly Step[];
  readonly #widths = new WidthMemory();

  constructor(model: GraphSequential, metadata: HeteroMetadata, options: ToHeteroOptions = {}) {
    super();
    const { aggr = 'sum' } = options;
    assertAggregation(aggr, ['sum', 'mean', 'max', 'min', 'mul'], 'toHetero');
    if (!(model instanceof GraphSequential)) {
      throw new GraphValidationError('model', 'toHetero takes a GraphSequential (a model described by its steps; see its docs)');
    }
    if (!Array.isArray(metadata) || metadata.length !== 2 || !Array.isArray(metadata[0]) || !Array.isArray(metadata[1]) || metadata[1].length === 0) {
      throw new GraphValidationError('metadata', 'toHetero expects [nodeTypes, edgeTypes] with at least one edge type, as HeteroGraph.metadata() returns');
    }
    this.nodeTypes = Object.freeze([...metadata[0]]);
    this.edgeTypes = Object.freeze(metadata[1].map((t) => toEdgeType(t)));
    checkMetadataTypes('toHetero', this.nodeTypes, this.edgeTypes);
    this.aggr = aggr;
    this.#steps = describeSteps(model).map((step) => this.buildStep(step));
  }

  private buildStep(step: NamedStep | ((x: tf.Tensor2D) => tf.Tensor2D)): Step {
    if (typeof step === 'function') return { kind: 'function', fn: step };
    if (step.messagePassing) {
      const layers = this.edgeTypes.map((type) => {
        const layer = checkStepModule(step.make(), step.name) as RelationLayer;
        checkAddSelfLoops(layer, type, `${step.name}.${key2str(type)}`);
        return [key2str(type), layer] as const;
      });
      this.registerModule(step.name, new ModuleDict(layers));
      const relations = this.edgeTypes.map((type, k) => ({ type, key: edgeTypeKey(type), layer: layers[k]![1] }));
      return { kind: 'relations', name: step.name, relations };
    }
    const modules = new ModuleDict(this.nodeTypes.map((t) => [key2str(t), checkStepModule(step.make(), step.name)] as const));
    return { kind: 'nodes', name: step.name, modules: this.registerModule(step.name, modules) };
  }

  /**
   * Builds lazy (`-1`) layers for inputs of these widths without data
   * (`{ account: 5, merchant: 16 }`, or a graph), e.g. before an optimizer
   * collects `parameters()` or before `loadStateDict`.
   */
  materialize(widths: WidthDict | HeteroGraph): this {
    const given = widthDict(widths, this.nodeTypes, 'toHetero');
    dryRun(Object.fromEntries(this.nodeTypes.map((t) => [t, given[t]!])), this.edgeTypes, (x, e) => this.forward(x, e));
    return this;
  }

  /** Runs the steps on every type; with `returnAttentionWeights` also the attention of each attention step, by step name and relation. */
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options: HeteroForwardOptions & { returnAttentionWeights: true }): ToHeteroOutputWithAttention;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options?: HeteroForwardOptions & { returnAttentionWeights?: false }): OutputDict;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options?: HeteroForwardOptions): OutputDict | ToHeteroOutputWithAttention;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options: HeteroForwardOptions = {}): OutputDict | ToHeteroOutputWithAttention {
    checkHeteroInputs('toHetero', this.edgeTypes, xDict, edgeIndexDict);
    this.#widths.check('toHetero', xDict, this.nodeTypes);
    const result = tf.tidy(() => {
      const attention: Record<string, HeteroAttention> = {};
      let h: Record<string, tf.Tensor2D> = Object.fromEntries(this.nodeTypes.filter((t) => xDict[t] !== undefined).map((t) => [t, xDict[t]!]));
      for (const step of this.#steps) {
        if (step.kind === 'function') {
          h = Object.fromEntries(Object.entries(h).map(([t, x]) => [t, step.fn(x)]));
        } else if (step.kind === 'nodes') {
          h = Object.fromEntries(Object.entries(h).map(([t, x]) => [t, (step.modules.get(key2str(t)) as { forward(x: tf.Tensor2D): tf.Tensor2D }).forward(x)]));
        } else {
          for (const { type } of step.relations) {
            for (const t of [type[0], type[2]]) {
              if (h[t] === undefined) {
                throw new GraphValidationError(`xDict['${t}']`, `toHetero: step '${step.name}' needs node type '${t}' (edge type '${edgeTypeKey(type)}'), which receives no messages in an earlier step; every node type must be the destination of some edge type`);
              }
            }
          }
          const out = runRelations(step.relations, h, edgeIndexDict, this.aggr, options);
          if (Object.keys(out.attention).length > 0) attention[step.name] = out.attention;
          h = out.output;
        }
      }
      return { output: h, attention } as unknown as tf.TensorContainer;
    }) as unknown as ToHeteroOutputWithAttention;
    this.#widths.remember(widthsOf(xDict, this.nodeTypes));
    return options.returnAttentionWeights === true ? result : result.output;
  }

  /** The repr of the `GraphModule` PyG's `to_hetero` returns. */
  override toString(): string {
    return super.toString().replace(/^[A-Za-z_$][\w$]*\(/, 'GraphModule(');
  }
}

/**
 * PyG's `to_hetero`: the heterogeneous version of a homogeneous model for
 * the node and edge types of `metadata` (`graph.metadata()`), with
 * per-type parameters named as PyG names them, so the same weights map
 * across. Every message-passing step becomes one layer per edge type, run
 * on `(h_src, h_dst)` (`h` alone when both ends are one type) and combined
 * per destination type with `aggr`; every other module one per node type;
 * functions apply to every type:
 *
 * `h^(ℓ)_v = ⊕_{r ∈ R} f^(ℓ, r)(h^(ℓ-1)_v, {h^(ℓ-1)_w : w ∈ N_r(v)})`.
 *
 * The model is a {@link GraphSequential}: its factories build the copies
 * (fresh parameters, as PyG resets each copy), so layers with lazy sizes
 * (`[-1, -1]`) fit each type's width at the first forward or at
 * `materialize(widths)`.
 *
 * @example
 * ```ts
 * const gat = new GraphSequential([
 *   ['conv1', () => new GATConv([-1, -1], 8, { heads: 2, addSelfLoops: false })],
 *   elu,
 *   ['conv2', () => new GATConv([-1, -1], 3, { addSelfLoops: false })],
 * ]);
 * const model = toHetero(gat, graph.metadata(), { aggr: 'sum' }).materialize(graph);
 * const out = model.forward(graph.xDict(), graph.edgeIndexDict()); // { account: [Na, 3], ... }
 * ```
 */
export function toHetero(model: GraphSequential, metadata: HeteroMetadata, options: ToHeteroOptions = {}): ToHeteroModule {
  return new ToHeteroModule(model, metadata, options);
}
