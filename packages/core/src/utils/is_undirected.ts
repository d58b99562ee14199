import type * as tf from '@tensorflow/tfjs-core';
import { assertEdgeAttr, lexSortEdges, readEdgeIndex, resolveNumNodes } from './edge_index_arrays.js';

/**
 * True when every edge `i → j` has a reverse `j → i` with the same attribute,
 * counting multiplicities (PyG's `is_undirected`). Reads the tensors synchronously.
 *
 * @example
 * ```ts
 * isUndirected(tf.tensor2d([[0, 1], [1, 0]], undefined, 'int32')); // true
 * ```
 */
export function isUndirected(
  edgeIndex: tf.Tensor2D,
  options: { edgeAttr?: tf.Tensor | undefined; numNodes?: number | undefined } = {},
): boolean {
  const edges = readEdgeIndex(edgeIndex, 'isUndirected');
  const numNodes = resolveNumNodes(edges, options.numNodes, 'isUndirected');
  const { edgeAttr } = options;
  if (edgeAttr !== undefined) assertEdgeAttr(edgeAttr, edges.numEdges, 'edgeAttr', 'isUndirected');
  // The edges sorted by (row, col) must be the reversed edges sorted by (col, row).
  const forward = lexSortEdges(edges, numNodes, true);
  const backward = lexSortEdges(edges, numNodes, false);
  for (let k = 0; k < edges.numEdges; k++) {
    const f = forward[k]!;
    const b = backward[k]!;
    if (edges.row[f] !== edges.col[b] || edges.col[f] !== edges.row[b]) return false;
  }
  if (edgeAttr === undefined) return true;
  const values = edgeAttr.dataSync();
  const width = edges.numEdges === 0 ? 0 : values.length / edges.numEdges;
  for (let k = 0; k < edges.numEdges; k++) {
    const f = forward[k]! * width;
    const b = backward[k]! * width;
    for (let d = 0; d < width; d++) if (values[f + d] !== values[b + d]) return false;
  }
  return true;
}
