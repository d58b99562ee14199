import * as tf from '@tensorflow/tfjs-core';
import {
  GraphValidationError,
  MessagePassing,
  ShapeError,
  additiveAttention,
  attentionProjection,
  gatAttention,
  sddmm,
  segmentSoftmax,
  softmaxAggregate,
  type MessageContext,
  type SelfLoopFill,
} from '@gnnjs/core';
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
import { SelfLoopEdges } from './self_loops.js';
import { assertInChannels, assertProbability } from './validate.js';

/** Options of {@link GATConv}, PyG 2.6's keyword arguments in camelCase. */
export interface GATConvOptions {
  /** Number of attention heads `H` (default 1). */
  heads?: number;
  /** Concatenate the heads (`[N, H·C]`, default `true`) or average them (`[N, C]`). */
  concat?: boolean;
  /** Slope of the LeakyReLU on attention logits (default 0.2). */
  negativeSlope?: number;
  /** Dropout on the attention coefficients, in training only (default 0). */
  dropout?: number;
  /** Remove existing self-loops, then add one per node (default `true`; not for bipartite input). */
  addSelfLoops?: boolean;
  /** Width of edge features `edgeAttr`; when set, they enter the attention logits (default none). */
  edgeDim?: number;
  /** Edge features of the added self-loops (default `'mean'` of each node's incoming edges). */
  fillValue?: SelfLoopFill;
  /** Learn an additive bias (default `true`). */
  bias?: boolean;
  /** Add a linear skip connection of the (target) input (default `false`). */
  residual?: boolean;
}

/**
 * The graph attention operator of Veličković et al. (2018), PyG's `GATConv`:
 *
 * `x'_i = ‖_h Σ_{j ∈ N(i) ∪ {i}} α^h_ij Θ^h x_j + b` with
 * `α^h_ij = softmax_j( LeakyReLU( a^h_srcᵀ Θ^h x_j + a^h_dstᵀ Θ^h x_i [+ a^h_edgeᵀ Θ^h_e e_ij] ) )`;
 * with `concat: false` the heads are averaged instead of concatenated.
 *
 * Shapes: `x: [N, in]` or bipartite `[xSrc: [Ns, in0], xDst: [Nd, in1]]` (with
 * `inChannels = [in0, in1]` and `addSelfLoops: false`), `edgeIndex: [2, E]`,
 * optional `edgeAttr: [E, edgeDim]`; output `[N, H·C]` (concat) or `[N, C]`.
 * Parameters, named as in PyG: `lin.weight` `[H·C, in]` (bipartite:
 * `lin_src.weight`, `lin_dst.weight`), `att_src`, `att_dst` `[1, H, C]`,
 * `bias`, and with `edgeDim` `lin_edge.weight`, `att_edge`; with `residual`
 * `res.weight`. Duplicate edges keep separate softmax entries.
 *
 * @example
 * ```ts
 * const conv = new GATConv(16, 8, { heads: 8, dropout: 0.6 });
 * conv.heads; // 8
 * const { output, attention } = conv.forward(x, edgeIndex, { returnAttentionWeights: true });
 * ```
 */
export class GATConv extends MessagePassing {
  readonly inChannels: InChannels;
  readonly outChannels: number;
  readonly heads: number;
  readonly concat: boolean;
  readonly negativeSlope: number;
  readonly dropout: number;
  readonly addSelfLoops: boolean;
  readonly edgeDim: number | null;
  readonly fillValue: SelfLoopFill;
  readonly residual: boolean;
  readonly lin: Linear | null = null;
  readonly linSrc: Linear | null = null;
  readonly linDst: Linear | null = null;
  readonly attSrc: tf.Variable;
  readonly attDst: tf.Variable;
  readonly linEdge: Linear | null;
  readonly attEdge: tf.Variable | null;
  readonly res: Linear | null;
  /** The learnt bias `[H·C]` (`[C]` without concat), or `null` when built with `bias: false`. */
  readonly bias: tf.Variable | null;
  private readonly selfLoops = new SelfLoopEdges();

  constructor(inChannels: InChannels, outChannels: number, options: GATConvOptions = {}) {
    super({ aggr: 'sum' });
    const {
      heads = 1, concat = true, negativeSlope = 0.2, dropout: p = 0, addSelfLoops = true,
      edgeDim, fillValue = 'mean', bias = true, residual = false,
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
    this.residual = residual;

    const hc = heads * outChannels;
    const lin = (fanIn: number, outputs = hc) => new Linear(fanIn, outputs, { bias: false, weightInitializer: 'glorot' });
    const att = (name: string) => this.registerParameter(name, parameter(() => tf.zeros([1, heads, outChannels])));
    if (typeof inChannels === 'number') {
      this.lin = this.registerModule('lin', lin(inChannels));
    } else {
      this.linSrc = this.registerModule('lin_src', lin(inChannels[0]));
      this.linDst = this.registerModule('lin_dst', lin(inChannels[1]));
    }
    this.attSrc = att('att_src');
    this.attDst = att('att_dst');
    this.linEdge = edgeDim === undefined ? null : this.registerModule('lin_edge', lin(edgeDim));
    this.attEdge = edgeDim === undefined ? null : att('att_edge');
    const total = concat ? hc : outChannels;
    const inDst = typeof inChannels === 'number' ? inChannels : inChannels[1];
    this.res = residual ? this.registerModule('res', lin(inDst, total)) : null;
    this.bias = bias ? this.registerParameter('bias', parameter(() => tf.zeros([total]))) : null;
    this.resetParameters();
  }

  /** Glorot for the linear maps and attention vectors, zeros for the bias. */
  resetParameters(): void {
    for (const l of [this.res, this.lin, this.linSrc, this.linDst, this.linEdge]) l?.resetParameters();
    for (const a of [this.attSrc, this.attDst, this.attEdge]) if (a !== null) reinitialize(a, glorot);
    if (this.bias !== null) reinitialize(this.bias, (s) => tf.zeros([...s]));
  }

  /** Runs the layer; with `{ returnAttentionWeights: true }` also returns the attention. */
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions & { returnAttentionWeights: true }): OutputWithAttention;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions & { returnAttentionWeights?: false }): tf.Tensor2D;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions): tf.Tensor2D | OutputWithAttention;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions = {}): tf.Tensor2D | OutputWithAttention {
    const [xSrc, xDst] = attentionInputs(this, x, edgeIndex, options.edgeAttr);
    return tf.tidy(() => {
      const zSrc = this.heads3((this.lin ?? this.linSrc!).forward(xSrc));
      const zDst = this.lin !== null && x instanceof tf.Tensor ? zSrc : this.heads3((this.lin ?? this.linDst!).forward(xDst));
      return this.attend(zSrc, zDst, edgeIndex, xDst, options);
    });
  }

  /**
   * The rest of {@link forward} for features already multiplied by `lin`
   * (`z = X Θᵀ`, `[N, heads · outChannels]`), for a layer with one `lin` and
   * no residual. Lets a model compute `z` its own way, e.g. GAT's input
   * dropout fused into the product (`dropoutLinear`).
   *
   * @example
   * ```ts
   * const out = conv.forwardProjected(dropoutLinear(x, 0.6, training, conv.lin!), edgeIndex);
   * ```
   */
  forwardProjected(z: tf.Tensor2D, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions & { returnAttentionWeights: true }): OutputWithAttention;
  forwardProjected(z: tf.Tensor2D, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions & { returnAttentionWeights?: false }): tf.Tensor2D;
  forwardProjected(z: tf.Tensor2D, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions): tf.Tensor2D | OutputWithAttention;
  forwardProjected(z: tf.Tensor2D, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions = {}): tf.Tensor2D | OutputWithAttention {
    const name = `${this.constructor.name}.forwardProjected`;
    if (this.lin === null || this.res !== null) {
      throw new GraphValidationError('z', `${name} needs a layer with one lin and no residual (the residual reads x itself); call forward`);
    }
    const hc = this.heads * this.outChannels;
    if (!(z instanceof tf.Tensor) || z.rank !== 2 || z.shape[1] !== hc) {
      throw new ShapeError('z', `${name} expects [N, ${hc}] (features times lin.weightᵀ), got ${z instanceof tf.Tensor ? `[${z.shape.join(', ')}]` : typeof z}`);
    }
    assertAttentionEdges(this, edgeIndex, options.edgeAttr);
    return tf.tidy(() => {
      const zz = this.heads3(z);
      return this.attend(zz, zz, edgeIndex, undefined, options);
    });
  }

  /** A projection `[N, H·C]` as `[N, H, C]`. */
  private heads3(z: tf.Tensor2D): tf.Tensor3D {
    return tf.reshape(z, [-1, this.heads, this.outChannels]) as tf.Tensor3D;
  }

  /** Attention and aggregation over projected features (`xDst` only for the residual). */
  private attend(zSrc: tf.Tensor3D, zDst: tf.Tensor3D, edgeIndex: tf.Tensor2D, xDst: tf.Tensor2D | undefined, options: AttentionForwardOptions): tf.Tensor2D | OutputWithAttention {
    const H = this.heads;
    const C = this.outChannels;
    // a as [H, C]: tfjs cannot reduce a size-1 broadcast axis against 0 rows in the gradient.
    const score = (z: tf.Tensor3D, a: tf.Variable) => attentionProjection(z, tf.reshape(a, [H, C]));
    const alphaNodes = [score(zSrc, this.attSrc), score(zDst, this.attDst)] as const;

    const attr = edgeFeatureMatrix(options.edgeAttr);
    const edges = this.addSelfLoops ? this.selfLoops.apply(edgeIndex, attr, zSrc.shape[0], this.fillValue) : { edgeIndex, edgeAttr: attr };
    const alphaEdge = edges.edgeAttr !== undefined && this.linEdge !== null && this.attEdge !== null
      ? { alphaEdge: score(this.heads3(this.linEdge.forward(edges.edgeAttr)), this.attEdge) }
      : {};
    const inputs = { alpha: alphaNodes, ...alphaEdge };
    let out: tf.Tensor3D;
    if (!this.fuse) {
      const alpha = this.edgeUpdater(edges.edgeIndex, inputs);
      out = this.propagate(edges.edgeIndex, { x: [zSrc, zDst], alpha: dropout(alpha, this.dropout, this.training) }) as tf.Tensor3D;
    } else {
      const drop = attentionDropout(this.dropout, this.training);
      const numTargets = zDst.shape[0];
      out = 'alphaEdge' in inputs
        ? softmaxAggregate(edges.edgeIndex, zSrc, this.edgeLogits(edges.edgeIndex, alphaNodes, inputs.alphaEdge), numTargets, drop)
        : gatAttention(edges.edgeIndex, zSrc, alphaNodes[0], alphaNodes[1], numTargets, { ...drop, negativeSlope: this.negativeSlope });
    }

    let y = combineHeads(out, this.concat);
    if (this.res !== null && xDst !== undefined) y = tf.add(y, this.res.forward(xDst));
    if (this.bias !== null) y = tf.add(y, this.bias);
    if (options.returnAttentionWeights !== true) return y;
    return withAttention(y, edges.edgeIndex, this.edgeUpdater(edges.edgeIndex, inputs) as tf.Tensor2D, true);
  }

  /**
   * `softmax_i(LeakyReLU(α_src[j] + α_dst[i] [+ α_edge]))`: the attention the
   * layer returns, and aggregates with when `fuse` is off. Without edge
   * features the logits are GATv2's fused additive attention with one channel
   * and a weight of 1 (`Σ_c 1 · LeakyReLU(α_src[j] + α_dst[i])`), so neither the
   * `[E, H]` sum nor LeakyReLU's mask is stored for the backward pass.
   */
  protected override edgeUpdate(ctx: MessageContext): tf.Tensor {
    const logits = ctx.has('alphaEdge')
      ? this.edgeLogits(ctx.edgeIndex, [ctx.source('alpha'), ctx.target('alpha')], ctx.edge('alphaEdge'))
      : additiveAttention(ctx.edgeIndex, tf.expandDims(ctx.source('alpha'), -1), tf.expandDims(ctx.target('alpha'), -1), tf.ones([this.heads, 1]), this.negativeSlope);
    return segmentSoftmax(logits, ctx.index, ctx.numTargets);
  }

  /** `LeakyReLU(α_src[j] + α_dst[i] + α_edge)` with edge features. */
  private edgeLogits(edgeIndex: tf.Tensor2D, [alphaSrc, alphaDst]: readonly [tf.Tensor, tf.Tensor], alphaEdge: tf.Tensor): tf.Tensor {
    return tf.leakyRelu(tf.add(sddmm(edgeIndex, alphaSrc, alphaDst, 'add'), alphaEdge), this.negativeSlope);
  }

  /** `α_ji x_j` per head (the unfused path, `fuse = false`). */
  protected override message(ctx: MessageContext): tf.Tensor {
    return attentionMessage(ctx);
  }

  /**
   * The resolved options as one object.
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
