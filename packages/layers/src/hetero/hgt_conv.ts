import * as tf from '@tensorflow/tfjs-core';
import type { HeteroGraph } from '@gnnjs/core';
import { GraphValidationError, Module, ShapeError, gatherRows, sddmm, segmentSoftmax, spmm, toEdgeType, type EdgeType } from '@gnnjs/core';
import { assertChannels } from '../nn/linear.js';
import { matMulTransposed } from '../nn/matmul_transposed.js';
import { HeteroDictLinear } from './hetero_dict_linear.js';
import { HeteroLinear } from './hetero_linear.js';
import { WidthMemory, checkHeteroInputs, checkMetadataTypes, widthsOf } from './inputs.js';
import { relationKey } from './keys.js';
import { dryRun, widthDict } from './materialize.js';
import { ParameterDict } from './parameter_dict.js';
import { RelationBatches } from './relation_batches.js';
import type { EdgeIndexDict, HeteroAttention, HeteroMetadata, HeteroOutputWithAttention, OutputDict, WidthDict, XDict } from './types.js';

/** Options of {@link HGTConv}. */
export interface HGTConvOptions {
  /** Number of attention heads `H`; `outChannels` must be divisible by it (default 1). */
  heads?: number;
}

/** Options of {@link HGTConv.forward}. */
export interface HGTForwardOptions {
  /** Also return the attention per relation (default `false`). */
  returnAttentionWeights?: boolean;
}

/**
 * The heterogeneous graph transformer operator of Hu et al. (2020), PyG
 * 2.6's `HGTConv`. With `F = outChannels`, `H` heads of `D = F / H`
 * channels and, for node type `τ`, `[k, q, v] = kqv_lin_τ(x)` (head-major):
 *
 * `s_ji,h = (q_i,h · (k_j,h W^k_{h,r})) · p_{r,h} / sqrt(D)` for an edge
 * `j → i` of relation `r`, `α_ji,h = softmax` over **all** edges into `i`
 * across relations, `agg_i = ‖_h Σ_j α_ji,h (v_j,h W^v_{h,r})`,
 * `out_i = out_lin_τ(gelu(agg_i))` (exact, erf GELU), and when `x_i` is
 * already `F` wide `out_i = σ(skip_τ) out_i + (1 − σ(skip_τ)) x_i`. A node
 * without in-edges aggregates 0. Only destination types get an output.
 *
 * Parameters, named as in PyG: `kqv_lin.lins.<type>.{weight,bias}` `[3F,
 * F_τ]` (columns K, Q, V), `out_lin.lins.<type>.*` `[F, F]`,
 * `k_rel.weight`, `v_rel.weight` `[H·E, D, D]` applied as `k @ W`, matrix
 * `h·E + r` with `r` the relation's position in the metadata,
 * `skip.<type>` `[1]` (node types in sorted order, as torch's
 * `ParameterDict` stores a dict), `p_rel.<src__rel__dst>` `[1, H]`.
 * `inChannels` is a width per type, one width, or -1 (lazy: built at the
 * first forward, or by {@link materialize}).
 *
 * The relations into one node type run as one edge list (sources
 * concatenated, one `sddmm`, `segmentSoftmax` and `spmm` per destination
 * type). With `returnAttentionWeights` the coefficients come back per
 * relation, on that relation's edges.
 *
 * @example
 * ```ts
 * const conv = new HGTConv(-1, 16, graph.metadata(), { heads: 2 });
 * const out = conv.forward(graph.xDict(), graph.edgeIndexDict()); // { account: [Na, 16], ... }
 * ```
 */
export class HGTConv extends Module {
  readonly inChannels: number | Readonly<Record<string, number>>;
  readonly outChannels: number;
  readonly heads: number;
  readonly nodeTypes: readonly string[];
  readonly edgeTypes: readonly EdgeType[];
  readonly kqvLin: HeteroDictLinear;
  readonly outLin: HeteroDictLinear;
  readonly kRel: HeteroLinear;
  readonly vRel: HeteroLinear;
  readonly skip: ParameterDict;
  readonly pRel: ParameterDict;
  readonly #batches = new RelationBatches();
  readonly #widths = new WidthMemory();

  constructor(inChannels: number | Readonly<Record<string, number>>, outChannels: number, metadata: HeteroMetadata, options: HGTConvOptions = {}) {
    super();
    const { heads = 1 } = options;
    assertChannels(outChannels, 'outChannels');
    assertChannels(heads, 'heads');
    if (outChannels % heads !== 0) {
      throw new GraphValidationError('heads', `HGTConv: outChannels (${outChannels}) must be divisible by heads (${heads})`);
    }
    const [nodeTypes, edgeTypes] = readMetadata(metadata);
    const widths = typeof inChannels === 'number' ? Object.fromEntries(nodeTypes.map((t) => [t, inChannels])) : { ...inChannels };
    for (const t of nodeTypes) {
      const w = widths[t];
      if (w === undefined) throw new GraphValidationError(`inChannels['${t}']`, `HGTConv needs the input width of node type '${t}' (or -1)`);
      if (w !== -1) assertChannels(w, `inChannels['${t}']`);
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.heads = heads;
    this.nodeTypes = nodeTypes;
    this.edgeTypes = edgeTypes;
    const dim = outChannels / heads;
    this.kqvLin = this.registerModule('kqv_lin', new HeteroDictLinear(Object.fromEntries(nodeTypes.map((t) => [t, widths[t]!])), 3 * outChannels));
    this.outLin = this.registerModule('out_lin', new HeteroDictLinear(outChannels, outChannels, { types: nodeTypes }));
    this.kRel = this.registerModule('k_rel', new HeteroLinear(dim, dim, heads * edgeTypes.length, { bias: false }));
    this.vRel = this.registerModule('v_rel', new HeteroLinear(dim, dim, heads * edgeTypes.length, { bias: false }));
    this.skip = this.registerModule('skip', new ParameterDict([...nodeTypes].sort(), [1]));
    this.pRel = this.registerModule('p_rel', new ParameterDict(edgeTypes.map(relationKey), [1, heads]));
    this.resetParameters();
  }

  /** PyG's `reset_parameters`: the linear maps redrawn, `skip` and `p_rel` ones. */
  resetParameters(): void {
    this.kqvLin.resetParameters();
    this.outLin.resetParameters();
    this.kRel.resetParameters();
    this.vRel.resetParameters();
    this.skip.resetToOnes();
    this.pRel.resetToOnes();
  }

  /**
   * Builds the lazy `kqv_lin` maps for inputs of these widths without data
   * (`{ account: 5, merchant: 16 }`, or a graph), e.g. before an optimizer
   * collects `parameters()` or before `loadStateDict`.
   */
  materialize(widths: WidthDict | HeteroGraph): this {
    const given = widthDict(widths, this.nodeTypes, 'HGTConv');
    dryRun(Object.fromEntries(this.nodeTypes.map((t) => [t, given[t]!])), this.edgeTypes, (x, e) => this.forward(x, e));
    return this;
  }

  /** Runs the layer on every node type; with `returnAttentionWeights` also the attention per relation. */
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options: HGTForwardOptions & { returnAttentionWeights: true }): HeteroOutputWithAttention;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options?: HGTForwardOptions & { returnAttentionWeights?: false }): OutputDict;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options?: HGTForwardOptions): OutputDict | HeteroOutputWithAttention;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options: HGTForwardOptions = {}): OutputDict | HeteroOutputWithAttention {
    checkHeteroInputs('HGTConv', this.edgeTypes, xDict, edgeIndexDict);
    const used = this.nodeTypes.filter((t) => xDict[t] !== undefined);
    this.#widths.check('HGTConv', xDict, used);
    const withAttention = options.returnAttentionWeights === true;
    const result = tf.tidy(() => this.run(xDict, edgeIndexDict, withAttention) as unknown as tf.TensorContainer) as unknown as HeteroOutputWithAttention;
    this.#widths.remember(widthsOf(xDict, used));
    return withAttention ? result : result.output;
  }

  private run(xDict: XDict, edgeIndexDict: EdgeIndexDict, withAttention: boolean): HeteroOutputWithAttention {
    const F = this.outChannels;
    const H = this.heads;
    const D = F / H;
    const E = this.edgeTypes.length;
    const kqvByType = new Map(this.nodeTypes.filter((t) => xDict[t] !== undefined).map((t) => [t, this.keysQueriesValues(t, xDict[t]!)]));
    // k_j W^k_{h,r} for every head at once: [N, H·D] @ blockDiag(W^k_{0,r}, …, W^k_{H-1,r}), written as
    // x Mᵀ so that no gradient needs a transposed matmul (slow on tfjs-wasm).
    const relate = (rel: HeteroLinear, z: tf.Tensor2D, r: number) => {
      const blocks = tf.transpose(rel.blockDiagonal(Array.from({ length: H }, (_, h) => h * E + r))) as tf.Tensor2D;
      return tf.reshape(matMulTransposed(z, blocks), [-1, H, D]) as tf.Tensor3D;
    };

    const output: OutputDict = {};
    const attention: HeteroAttention = {};
    for (const dst of this.nodeTypes) {
      const into = this.edgeTypes.map((type, r) => ({ type, r })).filter(({ type }) => type[2] === dst);
      if (into.length === 0 || xDict[dst] === undefined) continue;
      const q = tf.reshape(kqvByType.get(dst)![1], [-1, H, D]) as tf.Tensor3D;
      const numDst = q.shape[0];
      const keys = into.map(({ type, r }) => relate(this.kRel, kqvByType.get(type[0])![0], r));
      const values = into.map(({ type, r }) => relate(this.vRel, kqvByType.get(type[0])![2], r));
      const pRel = into.map(({ type }) => this.pRel.get(relationKey(type)));
      const edgeIndices = into.map(({ type }) => edgeIndexDict[relationKey(type)]!);

      let edgeIndex: tf.Tensor2D;
      let target: tf.Tensor1D;
      let k: tf.Tensor3D;
      let v: tf.Tensor3D;
      let scale: tf.Tensor;
      if (into.length === 1) {
        [edgeIndex, k, v, scale] = [edgeIndices[0]!, keys[0]!, values[0]!, pRel[0]!];
        target = tf.unstack(edgeIndex)[1] as tf.Tensor1D;
      } else {
        const batch = this.#batches.get(dst, edgeIndices, keys.map((t) => t.shape[0]));
        edgeIndex = batch.edgeIndex;
        target = batch.target;
        k = tf.concat(keys, 0);
        v = tf.concat(values, 0);
        scale = gatherRows(tf.concat(pRel, 0), batch.relation);
      }
      const logits = tf.mul(sddmm(edgeIndex, k, q, 'dot'), tf.div(scale, Math.sqrt(D)));
      const alpha = segmentSoftmax(logits, target, numDst) as tf.Tensor2D;
      const aggregated = tf.reshape(spmm(edgeIndex, v, alpha, numDst), [numDst, F]);
      let out = this.outLin.lin(dst).forward(gelu(aggregated));
      const x = xDict[dst]!;
      if (x.shape[1] === F) {
        const a = tf.sigmoid(this.skip.get(dst));
        out = tf.add(tf.mul(a, out), tf.mul(tf.sub(1, a), x));
      }
      output[dst] = out as tf.Tensor2D;
      if (!withAttention) continue;

      let offset = 0;
      into.forEach(({ type }, k) => {
        const count = edgeIndices[k]!.shape[1];
        const rows = into.length === 1 ? alpha : (tf.slice(alpha, [offset, 0], [count, H]) as tf.Tensor2D);
        attention[relationKey(type)] = { edgeIndex: tf.clone(edgeIndices[k]!), alpha: rows };
        offset += count;
      });
    }
    return { output, attention };
  }

  /**
   * `[k, q, v]` `[N, F]` each of one node type: `kqv_lin`'s rows `[0, F)`,
   * `[F, 2F)`, `[2F, 3F)` as three matmuls (slicing the weight's rows is a
   * contiguous copy; splitting the `[N, 3F]` output by columns is not).
   */
  private keysQueriesValues(type: string, x: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] {
    const lin = this.kqvLin.lin(type);
    if (!lin.isMaterialized) lin.materialize(x.shape[1]);
    if (x.shape[1] !== lin.inChannels) {
      throw new ShapeError(`xDict['${type}']`, `HGTConv was built for ${lin.inChannels} input channels of node type '${type}', got [${x.shape.join(', ')}]`);
    }
    const F = this.outChannels;
    const part = (k: number): tf.Tensor2D => {
      const y = matMulTransposed(x, tf.slice(lin.weight, [k * F, 0], [F, lin.inChannels]) as tf.Tensor2D);
      return lin.bias === null ? y : tf.add(y, tf.slice(lin.bias, [k * F], [F]));
    };
    return [part(0), part(1), part(2)];
  }

  /** Frees the parameters and the cached relation batches. */
  override dispose(): void {
    this.#batches.dispose();
    super.dispose();
  }

  /** PyG's repr (which prints -1 whatever the input widths). */
  override toString(): string {
    return `HGTConv(-1, ${this.outChannels}, heads=${this.heads})`;
  }
}

/** PyTorch's exact GELU, `x · Φ(x) = 0.5 x (1 + erf(x / √2))`. */
export function gelu<T extends tf.Tensor>(x: T): T {
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))))) as T;
}

/** Metadata as `[nodeTypes, edgeTypes]` with checked names; every edge type's node types must be node types. */
function readMetadata(metadata: HeteroMetadata): [readonly string[], readonly EdgeType[]] {
  if (!Array.isArray(metadata) || metadata.length !== 2 || !Array.isArray(metadata[0]) || !Array.isArray(metadata[1])) {
    throw new GraphValidationError('metadata', 'HGTConv expects [nodeTypes, edgeTypes], as HeteroGraph.metadata() returns');
  }
  const nodeTypes = Object.freeze([...metadata[0]]);
  const edgeTypes = Object.freeze(metadata[1].map((t) => toEdgeType(t)));
  if (edgeTypes.length === 0) throw new GraphValidationError('metadata', 'HGTConv needs at least one edge type');
  checkMetadataTypes('HGTConv', nodeTypes, edgeTypes);
  return [nodeTypes, edgeTypes];
}
