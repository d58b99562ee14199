import * as tf from '@tensorflow/tfjs-core';
import { additiveAttention, sddmm, segmentSoftmax, type MessageContext } from '@gnnjs/core';
import { glorot, parameter, reinitialize } from '../nn/initializers.js';
import { Linear } from '../nn/linear.js';
import { AttentionConv, type AttentionConvOptions } from './attention_conv.js';

/** Options of {@link GATv2Conv}: those of {@link GATConv} plus `shareWeights`. */
export interface GATv2ConvOptions extends AttentionConvOptions {
  /** Use one linear map for sources and targets (`lin_r` is `lin_l`; default `false`). */
  shareWeights?: boolean;
}

/**
 * The dynamic attention operator of Brody et al. (2022), PyG's `GATv2Conv`:
 *
 * `x'_i = ‖_h Σ_{j ∈ N(i) ∪ {i}} α^h_ij Θ^h_l x_j + b` with
 * `α^h_ij = softmax_j( a^hᵀ LeakyReLU( Θ^h_l x_j + Θ^h_r x_i [+ Θ^h_e e_ij] ) )`;
 * with `concat: false` the heads are averaged.
 *
 * Options (PyG defaults): `heads = 1`, `concat = true`, `negativeSlope = 0.2`,
 * `dropout = 0` (on α, training only), `addSelfLoops = true`, `edgeDim`
 * (none), `fillValue = 'mean'`, `bias = true` (also for `lin_l`/`lin_r`),
 * `shareWeights = false`, `residual = false`.
 *
 * Shapes: `x: [N, in]` or bipartite `[xSrc, xDst]` (with `addSelfLoops:
 * false`); output `[N, H·C]` (concat) or `[N, C]`. Parameters, named as in
 * PyG: `att` `[1, H, C]`, `bias`, `lin_l.weight` `[H·C, in]`, `lin_l.bias`,
 * `lin_r.*` (the same tensors as `lin_l.*` with `shareWeights`), with
 * `edgeDim` `lin_edge.weight`, with `residual` `res.weight`.
 *
 * @example
 * ```ts
 * const conv = new GATv2Conv(16, 8, { heads: 4 });
 * const out = conv.forward(x, edgeIndex); // [N, 32]
 * ```
 */
export class GATv2Conv extends AttentionConv {
  readonly shareWeights: boolean;
  readonly linL: Linear;
  readonly linR: Linear;
  readonly att: tf.Variable;
  readonly linEdge: Linear | null = null;

  constructor(inChannels: number | readonly [number, number], outChannels: number, options: GATv2ConvOptions = {}) {
    super(inChannels, outChannels, options);
    const { heads, edgeDim, bias } = this.options;
    this.shareWeights = options.shareWeights ?? false;
    const [inL, inR] = typeof inChannels === 'number' ? [inChannels, inChannels] : inChannels;
    const lin = (fanIn: number, withBias: boolean) =>
      new Linear(fanIn, heads * outChannels, { bias: withBias, weightInitializer: 'glorot' });
    this.linL = this.registerModule('lin_l', lin(inL, bias));
    this.linR = this.registerModule('lin_r', this.shareWeights ? this.linL : lin(inR, bias));
    this.att = this.registerParameter('att', parameter(() => tf.zeros([1, heads, outChannels])));
    if (edgeDim !== null) this.linEdge = this.registerModule('lin_edge', lin(edgeDim, false));
    this.registerOutputParameters();
    this.resetParameters();
  }

  /** Glorot for weights and `att` (PyG's `Linear` defaults for `lin_l.bias`/`lin_r.bias`), zeros for `bias`. */
  override resetParameters(): void {
    super.resetParameters();
    for (const l of [this.linL, this.linR, this.linEdge]) l?.resetParameters();
    reinitialize(this.att, glorot);
  }

  protected override attend(
    [xSrc, xDst]: readonly [tf.Tensor2D, tf.Tensor2D],
    isBipartite: boolean,
    edgeIndex: tf.Tensor2D,
    edgeAttr: tf.Tensor2D | undefined,
  ): { alpha: tf.Tensor2D; out: tf.Tensor3D } {
    const { heads: H } = this.options;
    const project = (l: Linear, x: tf.Tensor2D) => tf.reshape(l.forward(x), [-1, H, this.outChannels]) as tf.Tensor3D;
    const xl = project(this.linL, xSrc);
    const xr = this.shareWeights && !isBipartite ? xl : project(this.linR, xDst);
    const edgeFeatures = edgeAttr !== undefined && this.linEdge !== null ? { e: project(this.linEdge, edgeAttr) } : {};
    const alpha = this.edgeUpdater(edgeIndex, { x: [xl, xr], ...edgeFeatures }) as tf.Tensor2D;
    const out = this.propagate(edgeIndex, { x: [xl, xr], alpha: this.dropAttention(alpha) }) as tf.Tensor3D;
    return { alpha, out };
  }

  /**
   * `softmax_i(attᵀ LeakyReLU(xl_j + xr_i [+ e_ji]))`. Without edge features
   * the logits come from the fused `additiveAttention` op, which never builds
   * the `[E, H, C]` sum on backends with a kernel for it.
   */
  protected override edgeUpdate(ctx: MessageContext): tf.Tensor {
    const { negativeSlope } = this.options;
    // att as [H, C]: tfjs cannot reduce a size-1 broadcast axis against 0 edges in the gradient.
    const att = tf.reshape(this.att, this.att.shape.slice(1));
    let logits: tf.Tensor;
    if (ctx.has('e')) {
      const s = tf.add(sddmm(ctx.edgeIndex, ctx.source('x'), ctx.target('x'), 'add'), ctx.edge('e'));
      logits = tf.sum(tf.mul(tf.leakyRelu(s, negativeSlope), att), -1);
    } else {
      logits = additiveAttention(ctx.edgeIndex, ctx.source('x'), ctx.target('x'), att, negativeSlope);
    }
    return segmentSoftmax(logits, ctx.index, ctx.numTargets);
  }
}
