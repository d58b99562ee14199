import * as tf from '@tensorflow/tfjs-core';
import { MessagePassing, assertEdgeIndex, sddmm, segmentSoftmax, segmentSum, spmm, type MessageContext } from '@gnnjs/core';
import { dropout } from '../nn/dropout.js';
import { Linear, assertChannels } from '../nn/linear.js';
import type { AttentionForwardOptions, NodeFeatures, OutputWithAttention } from './attention.js';
import { combineHeads, edgeFeatureMatrix, formatInChannels, withAttention, type InChannels } from './attention_plumbing.js';
import { nodePair } from './neighbour_aggregation.js';
import { assertEdgeAttrMatches, assertInChannels, assertPerEdge, assertProbability } from './validate.js';

/** Options of {@link TransformerConv}, PyG 2.6's keyword arguments in camelCase. */
export interface TransformerConvOptions {
  /** Number of attention heads `H` (default 1). */
  heads?: number;
  /** Concatenate the heads (`[N, H·C]`, default `true`) or average them (`[N, C]`). */
  concat?: boolean;
  /** Gate the root term with a learnt `β_i` instead of adding it (default `false`; only with `rootWeight`). */
  beta?: boolean;
  /** Dropout on the attention coefficients, in training only (default 0). */
  dropout?: number;
  /** Width of edge features `edgeAttr`; when set, they enter keys and values (default none). */
  edgeDim?: number;
  /** Learn a bias in the root map `lin_skip` (default `true`). */
  bias?: boolean;
  /** Add the transformed target features `W_1 x_i` (default `true`). */
  rootWeight?: boolean;
}

/**
 * The graph transformer operator of Shi et al. (2021, UniMP), PyG's `TransformerConv`:
 *
 * `x'_i = W_1 x_i + Σ_{j ∈ N(i)} α_ij (W_2 x_j [+ W_e e_ij])`, per head, with
 * `α_ij = softmax_j( (W_3 x_i)ᵀ (W_4 x_j [+ W_e e_ij]) / sqrt(C) )` over the
 * edges into i (no self-loops are added); heads concatenated or averaged.
 * With `beta`: `β_i = sigmoid(w_5ᵀ [x'_i, r_i, x'_i − r_i])` and
 * `x'_i = β_i r_i + (1 − β_i) x'_i` for the root term `r_i = W_1 x_i`.
 *
 * Shapes: `x: [N, in]` or bipartite `[xSrc, xDst]`, `edgeIndex: [2, E]`,
 * optional `edgeAttr: [E, edgeDim]`; output `[N, H·C]` (concat) or `[N, C]`.
 * Parameters, named as in PyG: `lin_key`, `lin_query`, `lin_value` (with
 * biases, `[H·C, in]`), `lin_edge.weight` (with `edgeDim`), `lin_skip`
 * (`[H·C or C, in]`, built even with `rootWeight: false`, as PyG does),
 * `lin_beta.weight` `[1, 3·H·C or 3·C]` (with `beta`).
 *
 * @example
 * ```ts
 * const conv = new TransformerConv(3, 4, { heads: 2 });
 * const x = tf.randomNormal([4, 3]) as tf.Tensor2D;
 * const edgeIndex = tf.tensor2d([[0, 1, 2, 3], [1, 2, 3, 1]], undefined, 'int32');
 * const { output, attention } = conv.forward(x, edgeIndex, { returnAttentionWeights: true });
 * output.shape; // [4, 8]
 * attention.alpha.shape; // [4, 2]: one coefficient per edge and head
 * ```
 */
export class TransformerConv extends MessagePassing {
  readonly inChannels: InChannels;
  readonly outChannels: number;
  readonly heads: number;
  readonly concat: boolean;
  /** Whether the root term is gated (PyG: `beta and rootWeight`). */
  readonly beta: boolean;
  readonly dropout: number;
  readonly edgeDim: number | null;
  readonly rootWeight: boolean;
  readonly linKey: Linear;
  readonly linQuery: Linear;
  readonly linValue: Linear;
  readonly linEdge: Linear | null;
  readonly linSkip: Linear;
  readonly linBeta: Linear | null;

  constructor(inChannels: InChannels, outChannels: number, options: TransformerConvOptions = {}) {
    super({ aggr: 'sum' });
    const { heads = 1, concat = true, beta = false, dropout: p = 0, edgeDim, bias = true, rootWeight = true } = options;
    assertInChannels(inChannels);
    assertChannels(outChannels, 'outChannels');
    assertChannels(heads, 'heads');
    assertProbability(p, 'dropout');
    if (edgeDim !== undefined) assertChannels(edgeDim, 'edgeDim');
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.heads = heads;
    this.concat = concat;
    this.beta = beta && rootWeight;
    this.dropout = p;
    this.edgeDim = edgeDim ?? null;
    this.rootWeight = rootWeight;

    const [inSrc, inDst] = typeof inChannels === 'number' ? [inChannels, inChannels] : inChannels;
    const hc = heads * outChannels;
    const total = concat ? hc : outChannels;
    this.linKey = this.registerModule('lin_key', new Linear(inSrc, hc));
    this.linQuery = this.registerModule('lin_query', new Linear(inDst, hc));
    this.linValue = this.registerModule('lin_value', new Linear(inSrc, hc));
    this.linEdge = edgeDim === undefined ? null : this.registerModule('lin_edge', new Linear(edgeDim, hc, { bias: false }));
    this.linSkip = this.registerModule('lin_skip', new Linear(inDst, total, { bias }));
    this.linBeta = this.beta ? this.registerModule('lin_beta', new Linear(3 * total, 1, { bias: false })) : null;
  }

  /** PyG `Linear`'s initialisation for every map. */
  resetParameters(): void {
    for (const l of [this.linKey, this.linQuery, this.linValue, this.linEdge, this.linSkip, this.linBeta]) l?.resetParameters();
  }

  /** Runs the layer; with `{ returnAttentionWeights: true }` also returns `α` over the input edges. */
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions & { returnAttentionWeights: true }): OutputWithAttention;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions & { returnAttentionWeights?: false }): tf.Tensor2D;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions): tf.Tensor2D | OutputWithAttention;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions = {}): tf.Tensor2D | OutputWithAttention {
    const [xSrc, xDst] = nodePair(x, this.inChannels, 'TransformerConv');
    assertEdgeIndex(edgeIndex, 'TransformerConv');
    assertEdgeAttrMatches(this.edgeDim, options.edgeAttr, 'TransformerConv');
    if (options.edgeAttr !== undefined) assertPerEdge(options.edgeAttr, edgeIndex.shape[1], 'edgeAttr', 'TransformerConv');
    const H = this.heads;
    const C = this.outChannels;
    return tf.tidy(() => {
      const project = (l: Linear, v: tf.Tensor2D) => tf.reshape(l.forward(v), [v.shape[0], H, C]) as tf.Tensor3D;
      const query = project(this.linQuery, xDst);
      const key = project(this.linKey, xSrc);
      const value = project(this.linValue, xSrc);
      const attr = edgeFeatureMatrix(options.edgeAttr);
      const edge = attr !== undefined && this.linEdge !== null ? { e: project(this.linEdge, attr) } : {};
      const size = [xSrc.shape[0], xDst.shape[0]] as const;

      const alpha = this.edgeUpdater(edgeIndex, { kq: [key, query], ...edge }, { size }) as tf.Tensor2D;
      const out = this.propagate(edgeIndex, { v: [value, null], alpha: dropout(alpha, this.dropout, this.training), ...edge }, { size }) as tf.Tensor3D;

      let y = combineHeads(out, this.concat);
      if (this.rootWeight) {
        const r = this.linSkip.forward(xDst);
        if (this.linBeta !== null) {
          const b = tf.sigmoid(this.linBeta.forward(tf.concat([y, r, tf.sub(y, r)], -1)));
          y = tf.add(tf.mul(b, r), tf.mul(tf.sub(1, b), y));
        } else {
          y = tf.add(y, r);
        }
      }
      return withAttention(y, edgeIndex, alpha, options.returnAttentionWeights);
    });
  }

  /** `softmax_i(⟨q_i, k_j [+ e_ji]⟩ / sqrt(C))` per head, the dot products without gathering `[E, H, C]` keys. */
  protected override edgeUpdate(ctx: MessageContext): tf.Tensor {
    let logits = sddmm(ctx.edgeIndex, ctx.source('kq'), ctx.target('kq'), 'dot');
    if (ctx.has('e')) logits = tf.add(logits, tf.sum(tf.mul(ctx.i('kq'), ctx.edge('e')), -1));
    return segmentSoftmax(tf.div(logits, Math.sqrt(this.outChannels)), ctx.index, ctx.numTargets);
  }

  /** `α_ij (v_j [+ e_ji])` per head (the unfused path). */
  protected override message(ctx: MessageContext): tf.Tensor {
    const v = ctx.has('e') ? tf.add(ctx.j('v'), ctx.edge('e')) : ctx.j('v');
    return tf.mul(v, tf.expandDims(ctx.edge('alpha'), -1));
  }

  /** `Σ_j α_ij v_j` as one `spmm`, plus `Σ_j α_ij e_ji` with edge features. */
  protected override messageAndAggregate(ctx: MessageContext): tf.Tensor {
    const alpha = ctx.edge('alpha');
    const out = spmm(ctx.edgeIndex, ctx.source('v'), alpha, ctx.numTargets);
    if (!ctx.has('e')) return out;
    return tf.add(out, segmentSum(tf.mul(ctx.edge('e'), tf.expandDims(alpha, -1)), ctx.index, ctx.numTargets));
  }

  override toString(): string {
    return `TransformerConv(${formatInChannels(this.inChannels)}, ${this.outChannels}, heads=${this.heads})`;
  }
}
