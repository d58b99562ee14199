import * as tf from '@tensorflow/tfjs-core';
import { additiveAttention, sddmm, segmentSoftmax, type MessageContext } from '@gnnjs/core';
import { glorot, parameter, reinitialize } from '../nn/initializers.js';
import { Linear } from '../nn/linear.js';
import { AttentionConv, type AttentionConvOptions } from './attention_conv.js';

/** Options of {@link GATConv}: those of every attention layer (see {@link AttentionConvOptions}). */
export type GATConvOptions = AttentionConvOptions;

/**
 * The graph attention operator of Veličković et al. (2018), PyG's `GATConv`:
 *
 * `x'_i = ‖_h Σ_{j ∈ N(i) ∪ {i}} α^h_ij Θ^h x_j + b` with
 * `α^h_ij = softmax_j( LeakyReLU( a^h_srcᵀ Θ^h x_j + a^h_dstᵀ Θ^h x_i [+ a^h_edgeᵀ Θ^h_e e_ij] ) )`;
 * with `concat: false` the heads are averaged instead of concatenated.
 *
 * Options (PyG defaults): `heads = 1`, `concat = true`, `negativeSlope = 0.2`,
 * `dropout = 0` (on α, training only), `addSelfLoops = true` (existing loops
 * removed, one per node appended), `edgeDim` (none), `fillValue = 'mean'`
 * (loop edge features), `bias = true`, `residual = false`.
 *
 * Shapes: `x: [N, in]` or bipartite `[xSrc: [Ns, in0], xDst: [Nd, in1]]` (with
 * `inChannels = [in0, in1]` and `addSelfLoops: false`); output `[N, H·C]`
 * (concat) or `[N, C]`. Parameters, named as in PyG: `lin.weight` `[H·C, in]`
 * (bipartite: `lin_src.weight`, `lin_dst.weight`), `att_src`, `att_dst`
 * `[1, H, C]`, `bias`, and with `edgeDim` `lin_edge.weight`, `att_edge`; with
 * `residual` `res.weight`. Duplicate edges keep separate softmax entries.
 *
 * @example
 * ```ts
 * const conv = new GATConv(16, 8, { heads: 8, dropout: 0.6 });
 * const { output, attention } = conv.forward(x, edgeIndex, { returnAttentionWeights: true });
 * ```
 */
export class GATConv extends AttentionConv {
  readonly lin: Linear | null = null;
  readonly linSrc: Linear | null = null;
  readonly linDst: Linear | null = null;
  readonly attSrc: tf.Variable;
  readonly attDst: tf.Variable;
  readonly linEdge: Linear | null = null;
  readonly attEdge: tf.Variable | null = null;

  constructor(inChannels: number | readonly [number, number], outChannels: number, options: GATConvOptions = {}) {
    super(inChannels, outChannels, options);
    const { heads, edgeDim } = this.options;
    const hc = heads * outChannels;
    const lin = (name: string, fanIn: number) =>
      this.registerModule(name, new Linear(fanIn, hc, { bias: false, weightInitializer: 'glorot' }));
    if (typeof inChannels === 'number') {
      this.lin = lin('lin', inChannels);
    } else {
      this.linSrc = lin('lin_src', inChannels[0]);
      this.linDst = lin('lin_dst', inChannels[1]);
    }
    const att = (name: string) => this.registerParameter(name, parameter(() => tf.zeros([1, heads, outChannels])));
    this.attSrc = att('att_src');
    this.attDst = att('att_dst');
    if (edgeDim !== null) {
      this.linEdge = lin('lin_edge', edgeDim);
      this.attEdge = att('att_edge');
    }
    this.registerOutputParameters();
    this.resetParameters();
  }

  /** Glorot for the linear maps and attention vectors, zeros for the bias. */
  override resetParameters(): void {
    super.resetParameters();
    for (const l of [this.lin, this.linSrc, this.linDst, this.linEdge]) l?.resetParameters();
    for (const a of [this.attSrc, this.attDst, this.attEdge]) if (a) reinitialize(a, glorot);
  }

  protected override attend(
    [xSrc, xDst]: readonly [tf.Tensor2D, tf.Tensor2D],
    isBipartite: boolean,
    edgeIndex: tf.Tensor2D,
    edgeAttr: tf.Tensor2D | undefined,
  ): { alpha: tf.Tensor2D; out: tf.Tensor3D } {
    const { heads: H } = this.options;
    const C = this.outChannels;
    const project = (l: Linear, x: tf.Tensor2D) => tf.reshape(l.forward(x), [-1, H, C]) as tf.Tensor3D;
    const zSrc = project(this.lin ?? this.linSrc!, xSrc);
    const zDst = this.lin !== null && !isBipartite ? zSrc : project(this.lin ?? this.linDst!, xDst);
    // a as [H, C]: tfjs cannot reduce a size-1 broadcast axis against 0 rows in the gradient.
    const score = (z: tf.Tensor3D, a: tf.Variable) => tf.sum(tf.mul(z, tf.reshape(a, [H, C])), -1) as tf.Tensor2D;
    const inputs = { alpha: [score(zSrc, this.attSrc), score(zDst, this.attDst)] as const };
    const edgeScore =
      edgeAttr !== undefined && this.linEdge !== null && this.attEdge !== null
        ? { alphaEdge: score(project(this.linEdge, edgeAttr), this.attEdge) }
        : {};
    const alpha = this.edgeUpdater(edgeIndex, { ...inputs, ...edgeScore }) as tf.Tensor2D;
    const out = this.propagate(edgeIndex, { x: [zSrc, zDst], alpha: this.dropAttention(alpha) }) as tf.Tensor3D;
    return { alpha, out };
  }

  /**
   * `softmax_i(LeakyReLU(α_src[j] + α_dst[i] [+ α_edge]))`. Without edge
   * features the logits are GATv2's fused additive attention with one channel
   * and a weight of 1 (`Σ_c 1 · LeakyReLU(α_src[j] + α_dst[i])`), so neither the
   * `[E, H]` sum nor LeakyReLU's mask is stored for the backward pass.
   */
  protected override edgeUpdate(ctx: MessageContext): tf.Tensor {
    const { negativeSlope } = this.options;
    let logits: tf.Tensor;
    if (ctx.has('alphaEdge')) {
      const sum = tf.add(sddmm(ctx.edgeIndex, ctx.source('alpha'), ctx.target('alpha'), 'add'), ctx.edge('alphaEdge'));
      logits = tf.leakyRelu(sum, negativeSlope);
    } else {
      const asChannel = (t: tf.Tensor) => tf.expandDims(t, -1);
      const ones = tf.ones([this.options.heads, 1]);
      logits = additiveAttention(ctx.edgeIndex, asChannel(ctx.source('alpha')), asChannel(ctx.target('alpha')), ones, negativeSlope);
    }
    return segmentSoftmax(logits, ctx.index, ctx.numTargets);
  }
}
