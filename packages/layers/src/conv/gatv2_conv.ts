import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, MessagePassing, ShapeError, additiveAttention, sddmm, segmentSoftmax, softmaxAggregate, type MessageContext, type SelfLoopFill } from '@gnnjs/core';
import { dropout } from '../nn/dropout.js';
import { glorot, parameter, reinitialize } from '../nn/initializers.js';
import { Linear, assertChannels } from '../nn/linear.js';
import type { AttentionForwardOptions, NodeFeatures, OutputWithAttention } from './attention.js';
import {
  assertAttentionEdges,
  attentionDropout,
  attentionInputs,
  attentionMessage,
  combineHeads,
  edgeFeatureMatrix,
  formatInChannels,
  withAttention,
  type InChannels,
} from './attention_plumbing.js';
import { attentionOptionsView, type AttentionOptionsView } from './deprecated.js';
import type { GATConvOptions } from './gat_conv.js';
import { SelfLoopEdges } from './self_loops.js';
import { assertInChannels, assertProbability } from './validate.js';

/** Features through `lin_l` and `lin_r` (`[zL, zR]`), or one tensor for both with `shareWeights`. */
export type ProjectedFeatures = tf.Tensor2D | readonly [tf.Tensor2D, tf.Tensor2D];

/**
 * Options of {@link GATv2Conv}, PyG 2.6's keyword arguments in camelCase:
 * those of {@link GATConvOptions} with the same defaults (`heads = 1`,
 * `concat = true`, `negativeSlope = 0.2`, `dropout = 0`, `addSelfLoops = true`,
 * no `edgeDim`, `fillValue = 'mean'`, `residual = false`), and these.
 */
export interface GATv2ConvOptions extends Omit<GATConvOptions, 'bias'> {
  /** Learn an additive bias, and biases in `lin_l` and `lin_r` (default `true`). */
  bias?: boolean;
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
 * Shapes: `x: [N, in]` or bipartite `[xSrc, xDst]` (with `addSelfLoops:
 * false`), `edgeIndex: [2, E]`, optional `edgeAttr: [E, edgeDim]`; output
 * `[N, H·C]` (concat) or `[N, C]`. Parameters, named as in PyG: `att`
 * `[1, H, C]`, `bias`, `lin_l.weight` `[H·C, in]`, `lin_l.bias`, `lin_r.*`
 * (the same tensors as `lin_l.*` with `shareWeights`), with `edgeDim`
 * `lin_edge.weight`, with `residual` `res.weight`.
 *
 * @example
 * ```ts
 * const conv = new GATv2Conv(16, 8, { heads: 4 });
 * conv.shareWeights; // false
 * const out = conv.forward(x, edgeIndex); // [N, 32]
 * ```
 */
export class GATv2Conv extends MessagePassing {
  readonly inChannels: InChannels;
  readonly outChannels: number;
  readonly heads: number;
  readonly concat: boolean;
  readonly negativeSlope: number;
  readonly dropout: number;
  readonly addSelfLoops: boolean;
  readonly edgeDim: number | null;
  readonly fillValue: SelfLoopFill;
  readonly shareWeights: boolean;
  readonly residual: boolean;
  readonly linL: Linear;
  readonly linR: Linear;
  readonly att: tf.Variable;
  readonly linEdge: Linear | null;
  readonly res: Linear | null;
  /** The learnt bias `[H·C]` (`[C]` without concat), or `null` when built with `bias: false`. */
  readonly bias: tf.Variable | null;
  private readonly selfLoops = new SelfLoopEdges();

  constructor(inChannels: InChannels, outChannels: number, options: GATv2ConvOptions = {}) {
    super({ aggr: 'sum' });
    const {
      heads = 1, concat = true, negativeSlope = 0.2, dropout: p = 0, addSelfLoops = true,
      edgeDim, fillValue = 'mean', bias = true, shareWeights = false, residual = false,
    } = options;
    assertInChannels(inChannels);
    assertChannels(outChannels, 'outChannels');
    assertChannels(heads, 'heads');
    assertProbability(p, 'dropout');
    if (edgeDim !== undefined) assertChannels(edgeDim, 'edgeDim');
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.heads = heads;
    this.concat = concat;
    this.negativeSlope = negativeSlope;
    this.dropout = p;
    this.addSelfLoops = addSelfLoops;
    this.edgeDim = edgeDim ?? null;
    this.fillValue = fillValue;
    this.shareWeights = shareWeights;
    this.residual = residual;

    const hc = heads * outChannels;
    const lin = (fanIn: number, withBias: boolean, outputs = hc) =>
      new Linear(fanIn, outputs, { bias: withBias, weightInitializer: 'glorot' });
    const [inL, inR] = typeof inChannels === 'number' ? [inChannels, inChannels] : inChannels;
    this.linL = this.registerModule('lin_l', lin(inL, bias));
    this.linR = this.registerModule('lin_r', shareWeights ? this.linL : lin(inR, bias));
    this.att = this.registerParameter('att', parameter(() => tf.zeros([1, heads, outChannels])));
    this.linEdge = edgeDim === undefined ? null : this.registerModule('lin_edge', lin(edgeDim, false));
    const total = concat ? hc : outChannels;
    this.res = residual ? this.registerModule('res', lin(inR, false, total)) : null;
    this.bias = bias ? this.registerParameter('bias', parameter(() => tf.zeros([total]))) : null;
    this.resetParameters();
  }

  /** Glorot for weights and `att` (PyG's `Linear` defaults for `lin_l.bias`/`lin_r.bias`), zeros for `bias`. */
  resetParameters(): void {
    for (const l of [this.res, this.linL, this.linR, this.linEdge]) l?.resetParameters();
    reinitialize(this.att, glorot);
    if (this.bias !== null) reinitialize(this.bias, (s) => tf.zeros([...s]));
  }

  /** Runs the layer; with `{ returnAttentionWeights: true }` also returns the attention. */
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions & { returnAttentionWeights: true }): OutputWithAttention;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions & { returnAttentionWeights?: false }): tf.Tensor2D;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions): tf.Tensor2D | OutputWithAttention;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions = {}): tf.Tensor2D | OutputWithAttention {
    const [xSrc, xDst] = attentionInputs(this, x, edgeIndex, options.edgeAttr);
    return tf.tidy(() => {
      const xl = this.heads3(this.linL.forward(xSrc));
      const xr = this.shareWeights && x instanceof tf.Tensor ? xl : this.heads3(this.linR.forward(xDst));
      return this.attend(xl, xr, edgeIndex, xDst, options);
    });
  }

  /**
   * The rest of {@link forward} for features already through `lin_l` and
   * `lin_r` (`[zL, zR]`, each `[N, heads · outChannels]`; one tensor for
   * both with `shareWeights`), for a layer on one node set and no residual.
   * Lets a model compute them its own way, e.g. GATv2's input dropout fused
   * into both products (`dropoutLinears`).
   *
   * @example
   * ```ts
   * const [zL, zR] = dropoutLinears(x, 0.6, training, [conv.linL, conv.linR]);
   * const out = conv.forwardProjected([zL!, zR!], edgeIndex);
   * ```
   */
  forwardProjected(z: ProjectedFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions & { returnAttentionWeights: true }): OutputWithAttention;
  forwardProjected(z: ProjectedFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions & { returnAttentionWeights?: false }): tf.Tensor2D;
  forwardProjected(z: ProjectedFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions): tf.Tensor2D | OutputWithAttention;
  forwardProjected(z: ProjectedFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions = {}): tf.Tensor2D | OutputWithAttention {
    const name = `${this.constructor.name}.forwardProjected`;
    if (typeof this.inChannels !== 'number' || this.res !== null) {
      throw new GraphValidationError('z', `${name} needs a layer on one node set with no residual (the residual reads x itself); call forward`);
    }
    const [zL, zR] = z instanceof tf.Tensor ? [z, z] : z;
    const hc = this.heads * this.outChannels;
    const describe = (t: unknown) => (t instanceof tf.Tensor ? `[${t.shape.join(', ')}]` : typeof t);
    for (const [t, which] of [[zL, 'z[0]'], [zR, 'z[1]']] as const) {
      if (!(t instanceof tf.Tensor) || t.rank !== 2 || t.shape[1] !== hc || t.shape[0] !== (zL as tf.Tensor).shape[0]) {
        throw new ShapeError(which, `${name} expects [N, ${hc}] (features through lin_l and lin_r), got ${describe(t)}`);
      }
    }
    if (!this.shareWeights && z instanceof tf.Tensor) throw new ShapeError('z', `${name} of a layer without shareWeights needs [zL, zR] (lin_l and lin_r differ)`);
    assertAttentionEdges(this, edgeIndex, options.edgeAttr);
    return tf.tidy(() => {
      const xl = this.heads3(zL);
      return this.attend(xl, zR === zL ? xl : this.heads3(zR), edgeIndex, undefined, options);
    });
  }

  /** A projection `[N, H·C]` as `[N, H, C]`. */
  private heads3(z: tf.Tensor2D): tf.Tensor3D {
    return tf.reshape(z, [-1, this.heads, this.outChannels]) as tf.Tensor3D;
  }

  /** Attention and aggregation over projected features (`xDst` only for the residual). */
  private attend(xl: tf.Tensor3D, xr: tf.Tensor3D, edgeIndex: tf.Tensor2D, xDst: tf.Tensor2D | undefined, options: AttentionForwardOptions): tf.Tensor2D | OutputWithAttention {
    const attr = edgeFeatureMatrix(options.edgeAttr);
    const edges = this.addSelfLoops ? this.selfLoops.apply(edgeIndex, attr, xl.shape[0], this.fillValue) : { edgeIndex, edgeAttr: attr };
    const edgeFeatures = edges.edgeAttr !== undefined && this.linEdge !== null ? { e: this.heads3(this.linEdge.forward(edges.edgeAttr)) } : {};
    const inputs = { x: [xl, xr] as const, ...edgeFeatures };
    let out: tf.Tensor3D;
    if (!this.fuse) {
      const alpha = this.edgeUpdater(edges.edgeIndex, inputs);
      out = this.propagate(edges.edgeIndex, { x: [xl, xr], alpha: dropout(alpha, this.dropout, this.training) }) as tf.Tensor3D;
    } else {
      const logits = this.logits(edges.edgeIndex, xl, xr, 'e' in inputs ? inputs.e : undefined);
      out = softmaxAggregate(edges.edgeIndex, xl, logits, xr.shape[0], attentionDropout(this.dropout, this.training));
    }

    let y = combineHeads(out, this.concat);
    if (this.res !== null && xDst !== undefined) y = tf.add(y, this.res.forward(xDst));
    if (this.bias !== null) y = tf.add(y, this.bias);
    if (options.returnAttentionWeights !== true) return y;
    return withAttention(y, edges.edgeIndex, this.edgeUpdater(edges.edgeIndex, inputs) as tf.Tensor2D, true);
  }

  /**
   * `softmax_i(attᵀ LeakyReLU(xl_j + xr_i [+ e_ji]))`: the attention the layer
   * returns, and aggregates with when `fuse` is off.
   */
  protected override edgeUpdate(ctx: MessageContext): tf.Tensor {
    const logits = this.logits(ctx.edgeIndex, ctx.source('x'), ctx.target('x'), ctx.has('e') ? ctx.edge('e') : undefined);
    return segmentSoftmax(logits, ctx.index, ctx.numTargets);
  }

  /**
   * `attᵀ LeakyReLU(xl_j + xr_i [+ e_ji])` per edge and head. Without edge
   * features from the fused `additiveAttention` op, which never builds the
   * `[E, H, C]` sum on backends with a kernel for it.
   */
  private logits(edgeIndex: tf.Tensor2D, xl: tf.Tensor, xr: tf.Tensor, e: tf.Tensor | undefined): tf.Tensor {
    // att as [H, C]: tfjs cannot reduce a size-1 broadcast axis against 0 edges in the gradient.
    const att = tf.reshape(this.att, this.att.shape.slice(1));
    if (e === undefined) return additiveAttention(edgeIndex, xl, xr, att, this.negativeSlope);
    const s = tf.add(sddmm(edgeIndex, xl, xr, 'add'), e);
    return tf.sum(tf.mul(tf.leakyRelu(s, this.negativeSlope), att), -1);
  }

  /** `α_ji Θ_l x_j` per head (the unfused path, `fuse = false`). */
  protected override message(ctx: MessageContext): tf.Tensor {
    return attentionMessage(ctx);
  }

  /**
   * The resolved options as one object (without `shareWeights`).
   * @deprecated Read the fields instead (`conv.heads`, `conv.concat`, …, `conv.bias !== null`); removed in the next minor release.
   */
  get options(): AttentionOptionsView {
    return attentionOptionsView(this);
  }

  /** Frees the parameters and the cached self-loop edges. */
  override dispose(): void {
    this.selfLoops.dispose();
    super.dispose();
  }

  override toString(): string {
    return `${this.constructor.name}(${formatInChannels(this.inChannels)}, ${this.outChannels}, heads=${this.heads})`;
  }
}
