import { concat, greaterEqual, less, logicalAnd, reshape, where, zerosLike, type Tensor } from '@tensorflow/tfjs-core';
import { edgeEndpoints } from './edge_endpoints.js';

/** Edges of a `[2, E]` index made safe to gather with, and which of them were in range. */
export interface InRangeEdges {
  /** `[2, E]`: the edges, with each edge that had an endpoint out of range replaced by `0 → 0`. */
  readonly edgeIndex: Tensor;
  readonly src: Tensor;
  readonly dst: Tensor;
  /** bool `[E]`: true where both endpoints were in range. */
  readonly inRange: Tensor;
}

/**
 * Kernels give 0 for edges with an endpoint outside `[0, numSrcNodes)` ×
 * `[0, numDstNodes)`, but tfjs-cpu and TensorFlow reject such an index in a
 * gather. Composites gather along these edges instead and zero what the
 * replaced edges computed. Needs at least one node on each side.
 */
export function inRangeEdges(edgeIndex: Tensor, numSrcNodes: number, numDstNodes: number): InRangeEdges {
  const { src, dst } = edgeEndpoints(edgeIndex);
  const within = (ids: Tensor, n: number): Tensor => logicalAnd(greaterEqual(ids, 0), less(ids, n));
  const inRange = logicalAnd(within(src, numSrcNodes), within(dst, numDstNodes));
  const safeSrc = where(inRange, src, zerosLike(src));
  const safeDst = where(inRange, dst, zerosLike(dst));
  const numEdges = src.shape[0]!;
  return {
    edgeIndex: concat([reshape(safeSrc, [1, numEdges]), reshape(safeDst, [1, numEdges])], 0),
    src: safeSrc,
    dst: safeDst,
    inRange,
  };
}
