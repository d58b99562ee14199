import * as tf from '@tensorflow/tfjs-core';
import type { HeteroGraph } from '@gnnjs/core';
import { GraphValidationError, Module, ShapeError, type EdgeType } from '@gnnjs/core';
import { assertAggregation, type HeteroAggregation } from './group.js';
import { WidthMemory, checkHeteroInputs, widthsOf } from './inputs.js';
import { moduleDictKey, relationKey, relationTypes } from './keys.js';
import { dryRun, widthDict } from './materialize.js';
import { ModuleDict } from './module_dict.js';
import { checkAddSelfLoops, runRelations, type Relation, type RelationLayer } from './relation_layers.js';
import type { EdgeIndexDict, HeteroForwardOptions, HeteroOutputWithAttention, OutputDict, WidthDict, XDict } from './types.js';

/** Options of {@link HeteroConv}. */
export interface HeteroConvOptions {
  /**
   * How the outputs of the relations into one node type are combined:
   * `'sum'` (default), `'mean'`, `'max'`, `'min'` (element-wise) or `'cat'`
   * (concatenated along the features, in relation order).
   */
  aggr?: HeteroAggregation;
}

/**
 * PyG's `HeteroConv`: a bipartite layer per edge type, whose outputs are
 * combined per destination node type:
 *
 * `h_v = ⊕_{r = (s, rel, t(v))} f_r((x_s, x_t), edgeIndex_r)_v`, `⊕` = `aggr`.
 *
 * Each relation `(s, rel, t)` runs its own layer on `(x_s, x_t)` (on `x_s`
 * alone when `s = t`), so any GNN.js layer that takes bipartite input can be
 * used, with lazy sizes (`new GATConv([-1, -1], 64, { addSelfLoops: false })`:
 * built at the first forward, or by {@link materialize}). Only node types
 * that some relation points at get an output. Parameters are named as PyG's,
 * `convs.<src___rel___dst>.<name>`, so a PyG state dict loads as it is.
 *
 * The input must have exactly the layer's edge types, and both node types of
 * each must have features; wrong types, out-of-range indices and feature
 * widths other than the built layer's are typed errors naming the type.
 * With `returnAttentionWeights`, attention layers (GAT, GATv2, Transformer)
 * return their coefficients per relation, on that relation's edges.
 *
 * @example
 * ```ts
 * const conv = new HeteroConv({
 *   account__pays__merchant: new GATConv([-1, -1], 8, { heads: 2, addSelfLoops: false }),
 *   merchant__rev_pays__account: new SAGEConv([-1, -1], 16),
 * }, { aggr: 'sum' });
 * const out = conv.forward(graph.xDict(), graph.edgeIndexDict()); // { merchant: [Nm, 16], account: [Na, 16] }
 * const { attention } = conv.forward(graph.xDict(), graph.edgeIndexDict(), { returnAttentionWeights: true });
 * attention['account__pays__merchant']!.alpha; // [E, 2]
 * ```
 */
export class HeteroConv extends Module {
  /** The relations' layers, under PyG's keys `<src___rel___dst>`. */
  readonly convs: ModuleDict<RelationLayer>;
  readonly aggr: HeteroAggregation;
  /** The edge types, in the order given. */
  readonly edgeTypes: readonly EdgeType[];
  readonly #relations: readonly Relation[];
  readonly #widths = new WidthMemory();

  constructor(convs: Readonly<Record<string, RelationLayer>>, options: HeteroConvOptions = {}) {
    super();
    const { aggr = 'sum' } = options;
    assertAggregation(aggr, ['sum', 'mean', 'max', 'min', 'cat'], 'HeteroConv');
    if (typeof convs !== 'object' || convs === null || Object.keys(convs).length === 0) {
      throw new GraphValidationError('convs', "HeteroConv expects one layer per edge type, { 'src__rel__dst': layer }");
    }
    const keys = Object.keys(convs);
    const types = relationTypes(keys, 'convs');
    types.forEach((type, k) => {
      const layer = convs[keys[k]!];
      if (!(layer instanceof Module) || typeof (layer as { forward?: unknown }).forward !== 'function') {
        throw new GraphValidationError(`convs['${keys[k]}']`, 'expected a GNN.js layer with forward(x, edgeIndex)');
      }
      checkAddSelfLoops(layer, type, `convs['${keys[k]}']`);
    });
    this.aggr = aggr;
    this.edgeTypes = Object.freeze(types);
    this.convs = this.registerModule('convs', new ModuleDict<RelationLayer>(types.map((t, k) => [moduleDictKey(t), convs[keys[k]!]!] as const)));
    this.#relations = types.map((type, k) => ({ type, key: relationKey(type), layer: convs[keys[k]!]! }));
  }

  /** The layer of one relation, by `'src__rel__dst'` key or triple. */
  relation(type: string | EdgeType): RelationLayer {
    const key = typeof type === 'string' ? type : relationKey(type);
    const found = this.#relations.find((r) => r.key === key);
    if (found === undefined) {
      throw new GraphValidationError('edgeType', `HeteroConv has no layer for '${key}' (its relations: ${this.#relations.map((r) => `'${r.key}'`).join(', ')})`);
    }
    return found.layer;
  }

  /** Redraws every relation's parameters (lazy ones stay lazy until built). */
  resetParameters(): void {
    for (const { layer } of this.#relations) (layer as { resetParameters?: () => void }).resetParameters?.();
  }

  /**
   * Builds lazy (`-1`) layers for inputs of these widths, without data:
   * `{ account: 5, merchant: 16 }`, or a graph whose features have them. Call
   * it before an optimizer collects `parameters()` or before `loadStateDict`
   * (or use `materializeFromStateDict`); a no-op for layers already built.
   */
  materialize(widths: WidthDict | HeteroGraph): this {
    const nodeTypes = [...new Set(this.edgeTypes.flatMap((t) => [t[0], t[2]]))];
    const given = widthDict(widths, nodeTypes, 'HeteroConv');
    const used = Object.fromEntries(nodeTypes.map((t) => [t, given[t]!]));
    dryRun(used, this.edgeTypes, (xDict, edgeIndexDict) => this.forward(xDict, edgeIndexDict));
    return this;
  }

  /** Runs every relation's layer and combines per destination type; with `returnAttentionWeights` also the attention per relation. */
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options: HeteroForwardOptions & { returnAttentionWeights: true }): HeteroOutputWithAttention;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options?: HeteroForwardOptions & { returnAttentionWeights?: false }): OutputDict;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options?: HeteroForwardOptions): OutputDict | HeteroOutputWithAttention;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options: HeteroForwardOptions = {}): OutputDict | HeteroOutputWithAttention {
    checkHeteroInputs('HeteroConv', this.edgeTypes, xDict, edgeIndexDict);
    checkEdgeAttrKeys(options, this.#relations);
    const nodeTypes = new Set(this.edgeTypes.flatMap((t) => [t[0], t[2]]));
    this.#widths.check('HeteroConv', xDict, nodeTypes);
    const result = tf.tidy(() => runRelations(this.#relations, xDict, edgeIndexDict, this.aggr, options) as unknown as tf.TensorContainer) as unknown as HeteroOutputWithAttention;
    this.#widths.remember(widthsOf(xDict, nodeTypes));
    return options.returnAttentionWeights === true ? result : result.output;
  }

  override toString(): string {
    return `HeteroConv(num_relations=${this.#relations.length})`;
  }
}

/** `edgeAttrDict` may only name the layer's relations. */
export function checkEdgeAttrKeys(options: HeteroForwardOptions, relations: readonly Relation[]): void {
  for (const key of Object.keys(options.edgeAttrDict ?? {})) {
    if (!relations.some((r) => r.key === key)) throw new ShapeError(`edgeAttrDict['${key}']`, `is not an edge type of the layer`);
  }
}
