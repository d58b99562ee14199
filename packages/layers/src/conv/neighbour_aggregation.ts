/**
 * Plumbing that the non-attention convolutions share (SAGEConv, GINConv,
 * GINEConv, GraphConv): PyG's aggregation names, node features as
 * `[xSrc, xDst]`, and neighbourhood aggregation without `[E, F]` messages
 * where the reduction allows it. Each layer keeps its options and
 * mathematics in its own file.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, gatherRows, segmentAggregate, segmentSum, spmm, type Aggregation, type MessageContext } from '@gnnjs/core';
import type { NodeFeatures } from './attention.js';
import type { InChannels } from './attention_plumbing.js';
import { assertNodeFeatures } from './validate.js';

/** PyG's names of a layer's `aggr`: `'add'` is `'sum'`. */
export type NeighbourAggregation = 'add' | 'sum' | 'mean' | 'max' | 'min';

/** The segment reduction of a PyG `aggr` name; throws {@link ShapeError} naming `aggr` on any other. */
export function segmentReductionOf(aggr: NeighbourAggregation, layer: string): Aggregation {
  if (aggr === 'add') return 'sum';
  if (aggr === 'sum' || aggr === 'mean' || aggr === 'max' || aggr === 'min') return aggr;
  throw new ShapeError('aggr', `${layer} supports 'add', 'sum', 'mean', 'max' and 'min', got '${String(aggr)}'`);
}

/**
 * Checks node features against `inChannels` (a number, a `[source, target]`
 * pair, or `null` for a layer whose width its `nn` decides) and returns
 * them as `[xSrc, xDst]`; each error names `x`, `x[0]` or `x[1]`.
 */
export function nodePair(x: NodeFeatures, inChannels: InChannels | null, layer: string): readonly [tf.Tensor2D, tf.Tensor2D] {
  const [inSrc, inDst] = inChannels === null ? [null, null] : typeof inChannels === 'number' ? [inChannels, inChannels] : inChannels;
  const check = (t: tf.Tensor2D, width: number | null, argument: string) => {
    if (width !== null) assertNodeFeatures(t, width, layer, argument);
    else if (!(t instanceof tf.Tensor) || t.rank !== 2) {
      throw new ShapeError(argument, `${layer} expects node features [N, F], got ${t instanceof tf.Tensor ? `[${t.shape.join(', ')}]` : typeof t}`);
    }
  };
  if (x instanceof tf.Tensor) {
    check(x, inSrc, 'x');
    check(x, inDst, 'x');
    return [x, x];
  }
  if (!Array.isArray(x) || x.length !== 2) throw new ShapeError('x', `${layer} expects a tensor or a pair [xSrc, xDst]`);
  check(x[0], inSrc, 'x[0]');
  check(x[1], inDst, 'x[1]');
  return [x[0], x[1]];
}

/**
 * `aggr_{j → i} w_ji · x_j` over the edges into each target, for node
 * tensor `name` of `propagate`. Sum and mean run as one `spmm` (mean with
 * weights `w_ji / deg_i`), so the `[E, F]` messages are never built on
 * backends with a fused kernel; max and min reduce the gathered messages.
 * Targets without in-edges get 0.
 */
export function aggregateNeighbours(ctx: MessageContext, aggr: Aggregation, name = 'x', weight?: tf.Tensor1D): tf.Tensor {
  const n = ctx.numTargets;
  if (aggr === 'sum') return spmm(ctx.edgeIndex, ctx.source(name), weight, n);
  if (aggr === 'mean') {
    const inDegree = segmentSum(tf.ones([ctx.numEdges]), ctx.index, n);
    const perEdge = gatherRows(tf.div(1, tf.maximum(inDegree, 1)), ctx.index);
    return spmm(ctx.edgeIndex, ctx.source(name), weight === undefined ? perEdge : tf.mul(weight, perEdge), n);
  }
  const messages = ctx.j(name);
  const weighted = weight === undefined ? messages : tf.mul(messages, tf.reshape(weight, [-1, ...messages.shape.slice(1).map(() => 1)]));
  return segmentAggregate(aggr, weighted, ctx.index, n);
}
