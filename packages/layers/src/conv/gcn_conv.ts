import * as tf from '@tensorflow/tfjs-core';
import { MessagePassing, ShapeError, assertEdgeIndex, gcnNorm, spmm, type MessageContext } from '@gnnjs/core';
import { parameter, reinitialize } from '../nn/initializers.js';
import { Linear, assertChannels } from '../nn/linear.js';
import { assertNodeFeatures, assertPerEdge } from './validate.js';

/** Options of {@link GCNConv}, PyG 2.6's keyword arguments in camelCase. */
export interface GCNConvOptions {
  /**
   * Self-loop weight 2 instead of 1: `Â = A + 2I` (default `false`), as PyG's
   * documentation states, with or without `edgeWeight`. PyG 2.6.1's code
   * applies the 2 only when an `edge_weight` is passed (without one,
   * `improved=True` changes nothing there): see the class comment.
   */
  improved?: boolean;
  /** Compute the normalised edges once and reuse them on later calls (transductive only; default `false`). */
  cached?: boolean;
  /** Add the missing self-loops before normalising (default `true`). */
  addSelfLoops?: boolean;
  /** Apply the symmetric normalisation; if `false`, aggregate the raw weights (default `true`). */
  normalize?: boolean;
  /** Learn an additive bias (default `true`). */
  bias?: boolean;
}

/**
 * The graph convolution of Kipf & Welling (2017), PyG's `GCNConv`:
 *
 * `X' = D̂^{-1/2} Â D̂^{-1/2} X Θᵀ + b`, i.e. `x'_i = Σ_{j ∈ N(i) ∪ {i}} e_ji / sqrt(d̂_j d̂_i) · Θ x_j + b`,
 *
 * where `Â = A + I` (`A + 2I` when `improved`) and `d̂_i = 1 + Σ_{j ∈ N(i)} e_ji`.
 * Existing self-loops are kept once; duplicate edges count twice.
 *
 * `improved` follows PyG's documented formula, `A + 2I`, in every call. PyG
 * 2.6.1's code differs without an `edge_weight`: `gcn_norm` hands the fill
 * value 2 to `add_remaining_self_loops`, which uses it only for a given
 * weight, and the loops then get `torch.ones` (so there `improved=True` is
 * `A + I`). With an `edgeWeight` both agree. Porting a model trained in PyG
 * with `improved=True` and no edge weights: build it here with
 * `improved: false` to reproduce its outputs.
 *
 * Input `x: [N, inChannels]`, `edgeIndex: [2, E]` (row 0 = source),
 * optional `edgeWeight: [E]`; output `[N, outChannels]`.
 * Parameters: `lin.weight` `[out, in]` (glorot), `bias` `[out]` (zeros).
 *
 * @example
 * ```ts
 * const conv = new GCNConv(16, 7);
 * const out = conv.forward(x, edgeIndex); // [N, 7]
 * ```
 */
export class GCNConv extends MessagePassing {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly improved: boolean;
  readonly cached: boolean;
  readonly addSelfLoops: boolean;
  readonly normalize: boolean;
  readonly lin: Linear;
  readonly bias: tf.Variable | null;
  private cache: { edgeIndex: tf.Tensor2D; edgeWeight: tf.Tensor1D } | null = null;

  constructor(inChannels: number, outChannels: number, options: GCNConvOptions = {}) {
    super({ aggr: 'sum' });
    const { improved = false, cached = false, addSelfLoops = true, normalize = true, bias = true } = options;
    assertChannels(inChannels, 'inChannels');
    assertChannels(outChannels, 'outChannels');
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.improved = improved;
    this.cached = cached;
    this.addSelfLoops = addSelfLoops;
    this.normalize = normalize;
    this.bias = bias ? this.registerParameter('bias', parameter(() => tf.zeros([outChannels]))) : null;
    this.lin = this.registerModule('lin', new Linear(inChannels, outChannels, { bias: false, weightInitializer: 'glorot' }));
    this.resetParameters();
  }

  /** Glorot for `lin.weight`, zeros for `bias`; forgets the cached normalisation. */
  resetParameters(): void {
    this.lin.resetParameters();
    if (this.bias !== null) reinitialize(this.bias, (s) => tf.zeros([...s]));
    this.clearCache();
  }

  /** `[N, inChannels]` features → `[N, outChannels]`. */
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, edgeWeight?: tf.Tensor1D): tf.Tensor2D {
    assertNodeFeatures(x, this.inChannels, 'GCNConv');
    assertEdgeIndex(edgeIndex, 'GCNConv');
    return tf.tidy(() => this.forwardProjected(this.lin.forward(x), edgeIndex, edgeWeight));
  }

  /**
   * The rest of {@link forward} for features already multiplied by `lin`
   * (`h = X Θᵀ`, `[N, outChannels]`): `D̂^{-1/2} Â D̂^{-1/2} h + b`. Lets a
   * model compute `h` its own way, e.g. GCN's input dropout fused into the
   * product (`dropoutLinear`).
   *
   * @example
   * ```ts
   * const out = conv.forwardProjected(dropoutLinear(x, 0.5, training, conv.lin), edgeIndex);
   * ```
   */
  forwardProjected(h: tf.Tensor2D, edgeIndex: tf.Tensor2D, edgeWeight?: tf.Tensor1D): tf.Tensor2D {
    if (!(h instanceof tf.Tensor) || h.rank !== 2 || h.shape[1] !== this.outChannels) {
      const got = h instanceof tf.Tensor ? `[${h.shape.join(', ')}]` : typeof h;
      throw new ShapeError('h', `GCNConv.forwardProjected expects [N, ${this.outChannels}] (features times lin.weightᵀ), got ${got}`);
    }
    assertEdgeIndex(edgeIndex, 'GCNConv');
    if (edgeWeight !== undefined) assertPerEdge(edgeWeight, edgeIndex.shape[1], 'edgeWeight', 'GCNConv');
    const numNodes = h.shape[0];
    return tf.tidy(() => {
      const edges = this.normalize ? this.normalized(numNodes, edgeIndex, edgeWeight) : { edgeIndex, edgeWeight };
      const inputs = edges.edgeWeight === undefined ? { x: h } : { x: h, edgeWeight: edges.edgeWeight };
      const out = this.propagate(edges.edgeIndex, inputs, { size: [numNodes, numNodes] }) as tf.Tensor2D;
      return this.bias === null ? out : tf.add(out, this.bias);
    });
  }

  /** `x_j · e_ji` (the unfused path). */
  protected override message(ctx: MessageContext): tf.Tensor {
    return ctx.has('edgeWeight') ? tf.mul(ctx.j('x'), tf.expandDims(ctx.edge('edgeWeight'), 1)) : ctx.j('x');
  }

  /** `Σ_j e_ji x_j` without materialising `[E, C]` messages. */
  protected override messageAndAggregate(ctx: MessageContext): tf.Tensor {
    const weight = ctx.has('edgeWeight') ? ctx.edge('edgeWeight') : undefined;
    return spmm(ctx.edgeIndex, ctx.source('x'), weight, ctx.numTargets);
  }

  /** Frees the cached normalisation along with the parameters. */
  override dispose(): void {
    this.clearCache();
    super.dispose();
  }

  override toString(): string {
    return `GCNConv(${this.inChannels}, ${this.outChannels})`;
  }

  private normalized(
    numNodes: number,
    edgeIndex: tf.Tensor2D,
    edgeWeight: tf.Tensor1D | undefined,
  ): { edgeIndex: tf.Tensor2D; edgeWeight: tf.Tensor1D } {
    if (this.cache !== null) return this.cache;
    const { improved, addSelfLoops, flow } = this;
    const normed = gcnNorm(edgeIndex, { edgeWeight, numNodes, improved, addSelfLoops, flow });
    if (this.cached) this.cache = { edgeIndex: tf.keep(normed.edgeIndex), edgeWeight: tf.keep(normed.edgeWeight) };
    return normed;
  }

  private clearCache(): void {
    if (this.cache !== null) tf.dispose([this.cache.edgeIndex, this.cache.edgeWeight]);
    this.cache = null;
  }
}
