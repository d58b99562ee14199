import * as tf from '@tensorflow/tfjs-core';
import { MessagePassing, ShapeError, assertEdgeIndex, type MessageContext } from '@gnnjs/core';
import { Linear, assertChannels } from '../nn/linear.js';
import type { NodeFeatures } from './attention.js';
import { formatInChannels, type InChannels } from './attention_plumbing.js';
import { aggregateNeighbours, nodePair, segmentReductionOf, type NeighbourAggregation } from './neighbour_aggregation.js';
import { assertInChannels, assertPerEdge } from './validate.js';

/** Options of {@link GraphConv}, PyG 2.6's keyword arguments in camelCase. */
export interface GraphConvOptions {
  /** Neighbourhood aggregation (default `'add'`; also `'mean'`, `'max'`, `'min'`). */
  aggr?: NeighbourAggregation;
  /** Learn an additive bias, in `lin_rel` (default `true`). */
  bias?: boolean;
}

/**
 * The graph neural network operator of Morris et al. (2019), PyG's `GraphConv`:
 *
 * `x'_i = W_1 x_i + W_2 · aggr_{j ∈ N(i)} e_ji · x_j`,
 *
 * `e_ji` the optional `edgeWeight` (1 without it), `aggr` the sum by default.
 * A node without in-edges aggregates 0.
 *
 * Input `x: [N, in]` or bipartite `[xSrc, xDst]` (`inChannels = [in0, in1]`),
 * `edgeIndex: [2, E]`, optional `edgeWeight: [E]`; output `[N, out]`.
 * Parameters, named as in PyG: `lin_rel.weight` `[out, in0]`, `lin_rel.bias`,
 * `lin_root.weight` `[out, in1]` (no bias), PyG's `Linear` initialisation.
 *
 * @example
 * ```ts
 * const conv = new GraphConv(3, 8, { aggr: 'mean' });
 * const x = tf.randomNormal([4, 3]) as tf.Tensor2D;
 * const edgeIndex = tf.tensor2d([[0, 1, 2], [1, 2, 3]], undefined, 'int32');
 * const out = conv.forward(x, edgeIndex, tf.tensor1d([0.5, 1, 2])); // [4, 8]
 * ```
 */
export class GraphConv extends MessagePassing {
  readonly inChannels: InChannels;
  readonly outChannels: number;
  readonly linRel: Linear;
  readonly linRoot: Linear;

  constructor(inChannels: InChannels, outChannels: number, options: GraphConvOptions = {}) {
    const { aggr = 'add', bias = true } = options;
    super({ aggr: segmentReductionOf(aggr, 'GraphConv') });
    assertInChannels(inChannels);
    assertChannels(outChannels, 'outChannels');
    const [inSrc, inDst] = typeof inChannels === 'number' ? [inChannels, inChannels] : inChannels;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.linRel = this.registerModule('lin_rel', new Linear(inSrc, outChannels, { bias }));
    this.linRoot = this.registerModule('lin_root', new Linear(inDst, outChannels, { bias: false }));
  }

  /** PyG `Linear`'s initialisation for both maps. */
  resetParameters(): void {
    this.linRel.resetParameters();
    this.linRoot.resetParameters();
  }

  /** `[N, in]` (or `[xSrc, xDst]`) → `[N (or Nd), out]`. */
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, edgeWeight?: tf.Tensor1D): tf.Tensor2D {
    const [xSrc, xDst] = nodePair(x, this.inChannels, 'GraphConv');
    assertEdgeIndex(edgeIndex, 'GraphConv');
    if (edgeWeight !== undefined) {
      assertPerEdge(edgeWeight, edgeIndex.shape[1], 'edgeWeight', 'GraphConv');
      if (edgeWeight.rank !== 1) throw new ShapeError('edgeWeight', `GraphConv expects [${edgeIndex.shape[1]}] (one weight per edge), got [${edgeWeight.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const inputs = edgeWeight === undefined ? { x: [xSrc, xDst] as const } : { x: [xSrc, xDst] as const, edgeWeight };
      const aggregated = this.propagate(edgeIndex, inputs) as tf.Tensor2D;
      return tf.add(this.linRel.forward(aggregated), this.linRoot.forward(xDst));
    });
  }

  /** `e_ji · x_j` (the unfused path). */
  protected override message(ctx: MessageContext): tf.Tensor {
    return ctx.has('edgeWeight') ? tf.mul(ctx.j('x'), tf.expandDims(ctx.edge('edgeWeight'), 1)) : ctx.j('x');
  }

  /** `aggr_j e_ji x_j`, without `[E, F]` messages for sum and mean. */
  protected override messageAndAggregate(ctx: MessageContext): tf.Tensor {
    return aggregateNeighbours(ctx, this.aggr, 'x', ctx.has('edgeWeight') ? (ctx.edge('edgeWeight') as tf.Tensor1D) : undefined);
  }

  override toString(): string {
    return `GraphConv(${formatInChannels(this.inChannels)}, ${this.outChannels})`;
  }
}
