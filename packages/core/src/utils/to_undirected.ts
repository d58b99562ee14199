import * as tf from '@tensorflow/tfjs-core';
import { coalesceArrays, type CoalesceOptions } from './coalesce.js';
import { assertEdgeAttr, readEdgeIndex } from './edge_index_arrays.js';
import type { EdgeIndexWithAttr } from './remove_self_loops.js';

/**
 * Adds the reverse `j → i` of every edge `i → j`, then coalesces (PyG's
 * `to_undirected`): the result is sorted, without duplicates, and the
 * attributes of an edge and its reverse are merged with `reduce` (default `'sum'`).
 *
 * @example
 * ```ts
 * const { edgeIndex } = toUndirected(graph.edgeIndex, { numNodes: graph.numNodes });
 * ```
 */
export function toUndirected<A extends tf.Tensor>(
  edgeIndex: tf.Tensor2D,
  options: CoalesceOptions<A> & { edgeAttr: A },
): { edgeIndex: tf.Tensor2D; edgeAttr: A };
export function toUndirected<A extends tf.Tensor>(edgeIndex: tf.Tensor2D, options?: CoalesceOptions<A>): EdgeIndexWithAttr<A>;
export function toUndirected<A extends tf.Tensor>(edgeIndex: tf.Tensor2D, options: CoalesceOptions<A> = {}): EdgeIndexWithAttr<A> {
  const edges = readEdgeIndex(edgeIndex, 'toUndirected');
  const { edgeAttr } = options;
  if (edgeAttr !== undefined) assertEdgeAttr(edgeAttr, edges.numEdges, 'edgeAttr', 'toUndirected');
  const row = new Int32Array(2 * edges.numEdges);
  const col = new Int32Array(2 * edges.numEdges);
  row.set(edges.row);
  row.set(edges.col, edges.numEdges);
  col.set(edges.col);
  col.set(edges.row, edges.numEdges);
  // Both directions: each row's largest index is the larger of the two.
  const max = Math.max(edges.maxSource, edges.maxTarget);
  const both = { row, col, numEdges: 2 * edges.numEdges, maxSource: max, maxTarget: max };
  if (edgeAttr === undefined) return coalesceArrays<A>(both, { ...options, edgeAttr: undefined }, 'toUndirected');
  return tf.tidy(() => {
    const { edgeIndex: ei, edgeAttr: attr } = coalesceArrays(
      both,
      { ...options, edgeAttr: tf.concat([edgeAttr, edgeAttr], 0) as A },
      'toUndirected',
    );
    return { edgeIndex: ei, edgeAttr: attr! };
  });
}
