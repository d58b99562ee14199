import type * as tf from '@tensorflow/tfjs-core';
import { assertEdgeAttr, makeEdgeIndex, positionsWhere, readEdgeIndex, takeRows } from './edge_index_arrays.js';

/** An edge index with the matching rows of an optional edge attribute tensor. */
export interface EdgeIndexWithAttr<A extends tf.Tensor = tf.Tensor> {
  edgeIndex: tf.Tensor2D;
  edgeAttr?: A;
}

/**
 * Removes every self-loop `(i, i)`, keeping the other edges in order, as PyG's
 * `remove_self_loops`. Returns new tensors; the inputs stay untouched.
 *
 * @example
 * ```ts
 * const { edgeIndex, edgeAttr } = removeSelfLoops(graph.edgeIndex, { edgeAttr: graph.edgeWeight });
 * ```
 */
export function removeSelfLoops<A extends tf.Tensor>(
  edgeIndex: tf.Tensor2D,
  options: { edgeAttr: A },
): { edgeIndex: tf.Tensor2D; edgeAttr: A };
export function removeSelfLoops<A extends tf.Tensor>(
  edgeIndex: tf.Tensor2D,
  options?: { edgeAttr?: A | undefined },
): EdgeIndexWithAttr<A>;
export function removeSelfLoops<A extends tf.Tensor>(
  edgeIndex: tf.Tensor2D,
  options: { edgeAttr?: A | undefined } = {},
): EdgeIndexWithAttr<A> {
  const edges = readEdgeIndex(edgeIndex, 'removeSelfLoops');
  const { edgeAttr } = options;
  if (edgeAttr !== undefined) assertEdgeAttr(edgeAttr, edges.numEdges, 'edgeAttr', 'removeSelfLoops');
  const keep = positionsWhere(edges.numEdges, (e) => edges.row[e] !== edges.col[e]);
  const out = makeEdgeIndex(
    keep.map((e) => edges.row[e]!),
    keep.map((e) => edges.col[e]!),
  );
  return edgeAttr === undefined ? { edgeIndex: out } : { edgeIndex: out, edgeAttr: takeRows(edgeAttr, keep) };
}
