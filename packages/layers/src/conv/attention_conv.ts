import * as tf from '@tensorflow/tfjs-core';
import {
  GraphValidationError,
  MessagePassing,
  ShapeError,
  spmm,
  type MessageContext,
  type SelfLoopFill,
} from '@gnnjs/core';
import { dropout } from '../nn/dropout.js';
import { parameter, reinitialize } from '../nn/initializers.js';
import { Linear, assertChannels } from '../nn/linear.js';
import type { AttentionForwardOptions, AttentionWeights, NodeFeatures, OutputWithAttention } from './attention.js';
import { SelfLoopEdges } from './self_loops.js';
import { assertEdgeAttrMatches, assertEdgeIndex, assertNodeFeatures, assertPerEdge } from './validate.js';

/** Options shared by {@link GATConv} and {@link GATv2Conv} (PyG 2.6 keyword arguments in camelCase). */
export interface AttentionConvOptions {
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
  /** Width of edge features `edgeAttr`; when set, they enter the attention logits. */
  edgeDim?: number;
  /** Edge features of the added self-loops (default `'mean'` of each node's incoming edges). */
  fillValue?: SelfLoopFill;
  /** Learn an additive bias (default `true`). */
  bias?: boolean;
  /** Add a linear skip connection of the (target) input (default `false`). */
  residual?: boolean;
}

type Resolved = Required<Omit<AttentionConvOptions, 'edgeDim'>> & { edgeDim: number | null };

/**
 * The plumbing of GAT-style layers: option handling, self-loops, attention
 * dropout, head combination, residual, bias and the attention return. A
 * subclass implements {@link attend} (its mathematics) and `edgeUpdate`.
 */
export abstract class AttentionConv extends MessagePassing {
  readonly inChannels: number | readonly [number, number];
  readonly outChannels: number;
  readonly options: Readonly<Resolved>;
  protected res: Linear | null = null;
  protected bias: tf.Variable | null = null;
  private readonly selfLoops = new SelfLoopEdges();

  constructor(inChannels: number | readonly [number, number], outChannels: number, options: AttentionConvOptions) {
    super({ aggr: 'sum' });
    for (const c of typeof inChannels === 'number' ? [inChannels] : inChannels) assertChannels(c, 'inChannels');
    assertChannels(outChannels, 'outChannels');
    const { heads = 1, concat = true, negativeSlope = 0.2, dropout: p = 0, addSelfLoops: loops = true } = options;
    assertChannels(heads, 'heads');
    if (!(p >= 0 && p < 1)) throw new ShapeError('dropout', `expected a probability in [0, 1), got ${p}`);
    if (options.edgeDim !== undefined) assertChannels(options.edgeDim, 'edgeDim');
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.options = {
      heads, concat, negativeSlope, dropout: p, addSelfLoops: loops, edgeDim: options.edgeDim ?? null,
      fillValue: options.fillValue ?? 'mean', bias: options.bias ?? true, residual: options.residual ?? false,
    };
  }

  /** Registers `res` and `bias` (after the subclass's own parameters, as PyG does). */
  protected registerOutputParameters(): void {
    const total = this.outChannels * (this.options.concat ? this.options.heads : 1);
    const inDst = typeof this.inChannels === 'number' ? this.inChannels : this.inChannels[1];
    if (this.options.residual) {
      this.res = this.registerModule('res', new Linear(inDst, total, { bias: false, weightInitializer: 'glorot' }));
    }
    if (this.options.bias) this.bias = this.registerParameter('bias', parameter(() => tf.zeros([total])));
  }

  /** Resets `res` (glorot) and `bias` (zeros); subclasses reset the rest. */
  resetParameters(): void {
    this.res?.resetParameters();
    if (this.bias !== null) reinitialize(this.bias, (s) => tf.zeros([...s]));
  }

  /**
   * Attention coefficients `[E, H]` and aggregated features `[N_dst, H, C]`
   * for edges that already carry their self-loops.
   */
  protected abstract attend(
    x: readonly [tf.Tensor2D, tf.Tensor2D],
    isBipartite: boolean,
    edgeIndex: tf.Tensor2D,
    edgeAttr: tf.Tensor2D | undefined,
  ): { alpha: tf.Tensor2D; out: tf.Tensor3D };

  /** Runs the layer; with `{ returnAttentionWeights: true }` also returns the attention. */
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions & { returnAttentionWeights: true }): OutputWithAttention;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions & { returnAttentionWeights?: false }): tf.Tensor2D;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options?: AttentionForwardOptions): tf.Tensor2D | OutputWithAttention;
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, options: AttentionForwardOptions = {}): tf.Tensor2D | OutputWithAttention {
    const pair = this.checkInputs(x, edgeIndex, options.edgeAttr);
    return tf.tidy(() => {
      const attr = options.edgeAttr === undefined ? undefined : tf.reshape(options.edgeAttr, [edgeIndex.shape[1], -1]) as tf.Tensor2D;
      const edges = this.options.addSelfLoops
        ? this.selfLoops.apply(edgeIndex, attr, pair[0].shape[0], this.options.fillValue)
        : { edgeIndex, edgeAttr: attr };
      const { alpha, out } = this.attend(pair, !(x instanceof tf.Tensor), edges.edgeIndex, edges.edgeAttr);
      let y = (this.options.concat ? tf.reshape(out, [out.shape[0], -1]) : tf.mean(out, 1)) as tf.Tensor2D;
      if (this.res !== null) y = tf.add(y, this.res.forward(pair[1]));
      if (this.bias !== null) y = tf.add(y, this.bias);
      if (options.returnAttentionWeights !== true) return y;
      // A clone, so that disposing it frees neither the input nor the cached loops.
      const attention: AttentionWeights = { edgeIndex: tf.clone(edges.edgeIndex), alpha };
      return { output: y, attention };
    });
  }

  /** Attention dropout, active in training mode only. */
  protected dropAttention(alpha: tf.Tensor2D): tf.Tensor2D {
    return dropout(alpha, this.options.dropout, this.training);
  }

  /** `x_j · alpha_ji` per head (the unfused path). */
  protected override message(ctx: MessageContext): tf.Tensor {
    return tf.mul(ctx.j('x'), tf.expandDims(ctx.edge('alpha'), -1));
  }

  /** `Σ_j alpha_ji x_j` per head, without `[E, H, C]` messages on fused backends. */
  protected override messageAndAggregate(ctx: MessageContext): tf.Tensor {
    return spmm(ctx.edgeIndex, ctx.source('x'), ctx.edge('alpha'), ctx.numTargets);
  }

  /** Frees the parameters and the cached self-loop edges. */
  override dispose(): void {
    this.selfLoops.dispose();
    super.dispose();
  }

  override toString(): string {
    const inc = typeof this.inChannels === 'number' ? this.inChannels : `(${this.inChannels.join(', ')})`;
    return `${this.constructor.name}(${inc}, ${this.outChannels}, heads=${this.options.heads})`;
  }

  private checkInputs(x: NodeFeatures, edgeIndex: tf.Tensor2D, edgeAttr: tf.Tensor | undefined): [tf.Tensor2D, tf.Tensor2D] {
    const layer = this.constructor.name;
    const [inSrc, inDst] = typeof this.inChannels === 'number' ? [this.inChannels, this.inChannels] : this.inChannels;
    assertEdgeIndex(edgeIndex, layer);
    assertEdgeAttrMatches(this.options.edgeDim, edgeAttr, layer);
    if (edgeAttr !== undefined) assertPerEdge(edgeAttr, edgeIndex.shape[1], 'edgeAttr', layer);
    if (x instanceof tf.Tensor) {
      assertNodeFeatures(x, inSrc, layer);
      assertNodeFeatures(x, inDst, layer);
      return [x, x];
    }
    if (this.options.addSelfLoops) {
      throw new GraphValidationError('x', `${layer} got bipartite input [xSrc, xDst] with addSelfLoops=true; build it with addSelfLoops: false`);
    }
    assertNodeFeatures(x[0], inSrc, layer, 'x[0]');
    assertNodeFeatures(x[1], inDst, layer, 'x[1]');
    return [x[0], x[1]];
  }
}
