import { stableSortBy } from '../utils/edge_index_arrays.js';

/**
 * Compressed sparse rows of a graph's adjacency with one row per TARGET node
 * (PyG's `adj_t` convention): the edges entering node `i` are
 * `indptr[i] .. indptr[i+1]-1`, their sources `indices[k]`, and
 * `edgePerm[k]` the position of that edge in `edgeIndex` (to reorder edge
 * attributes). Within a row, edges keep their `edgeIndex` order.
 * The arrays are shared with the graph's cache: treat them as read-only.
 */
export interface CSR {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly edgePerm: Int32Array;
}

/** Builds the destination-sorted {@link CSR} in O(N + E) with a stable counting sort. */
export function buildCSR(row: Int32Array, col: Int32Array, numNodes: number): CSR {
  const edgePerm = stableSortBy(col, numNodes);
  const indptr = new Int32Array(numNodes + 1);
  for (let e = 0; e < col.length; e++) indptr[col[e]! + 1]++;
  for (let i = 0; i < numNodes; i++) indptr[i + 1] += indptr[i]!;
  const indices = new Int32Array(edgePerm.length);
  for (let k = 0; k < edgePerm.length; k++) indices[k] = row[edgePerm[k]!]!;
  return { indptr, indices, edgePerm };
}
