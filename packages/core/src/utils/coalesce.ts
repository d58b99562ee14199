import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { segmentAggregate, type SegmentReduction } from '../ops/segment_reduce.js';
import { assertEdgeAttr, lexSortEdges, makeEdgeIndex, readEdgeIndex, resolveNumNodes, type EdgeArrays } from './edge_index_arrays.js';
import type { EdgeIndexWithAttr } from './remove_self_loops.js';

/** Options of {@link coalesce} and {@link toUndirected}. */
export interface CoalesceOptions<A extends tf.Tensor = tf.Tensor> {
  /** Edge attributes `[E, ...]` (float32), merged over duplicate edges. */
  edgeAttr?: A | undefined;
  /** Number of nodes; defaults to the largest index + 1. */
  numNodes?: number | undefined;
  /** How duplicates' attributes merge. Default `'sum'`. */
  reduce?: SegmentReduction | undefined;
  /** Sort by source then target (default); false sorts by target then source. */
  sortByRow?: boolean | undefined;
}

/**
 * Sorts edges by source, then target (`sortByRow: false`: target, then
 * source), and merges duplicates, reducing their
 * attributes with `reduce` (PyG's `coalesce`). Returns new tensors; the merged
 * attributes stay differentiable.
 *
 * @example
 * ```ts
 * const { edgeIndex, edgeAttr } = coalesce(ei, { edgeAttr: w, reduce: 'mean' });
 * ```
 */
export function coalesce<A extends tf.Tensor>(
  edgeIndex: tf.Tensor2D,
  options: CoalesceOptions<A> & { edgeAttr: A },
): { edgeIndex: tf.Tensor2D; edgeAttr: A };
export function coalesce<A extends tf.Tensor>(edgeIndex: tf.Tensor2D, options?: CoalesceOptions<A>): EdgeIndexWithAttr<A>;
export function coalesce<A extends tf.Tensor>(edgeIndex: tf.Tensor2D, options: CoalesceOptions<A> = {}): EdgeIndexWithAttr<A> {
  const edges = readEdgeIndex(edgeIndex, 'coalesce');
  return coalesceArrays(edges, options, 'coalesce');
}

/** {@link coalesce} on edges already read into typed arrays. */
export function coalesceArrays<A extends tf.Tensor>(
  edges: EdgeArrays,
  options: CoalesceOptions<A>,
  fn: string,
): EdgeIndexWithAttr<A> {
  const numNodes = resolveNumNodes(edges, options.numNodes, fn);
  const { edgeAttr, reduce = 'sum', sortByRow = true } = options;
  if (edgeAttr !== undefined) assertEdgeAttr(edgeAttr, edges.numEdges, 'edgeAttr', fn);
  if (!['sum', 'mean', 'max', 'min'].includes(reduce)) {
    throw new ShapeError('reduce', `${fn} expects 'sum', 'mean', 'max' or 'min', got '${String(reduce)}'`);
  }
  const order = lexSortEdges(edges, numNodes, sortByRow);
  // segment[e]: the position of edge e's (row, col) pair among the unique pairs.
  const segment = new Int32Array(edges.numEdges);
  const row = new Int32Array(edges.numEdges);
  const col = new Int32Array(edges.numEdges);
  let unique = 0;
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    const r = edges.row[e]!;
    const c = edges.col[e]!;
    if (unique === 0 || row[unique - 1] !== r || col[unique - 1] !== c) {
      row[unique] = r;
      col[unique] = c;
      unique++;
    }
    segment[e] = unique - 1;
  }
  const out = makeEdgeIndex(row.subarray(0, unique), col.subarray(0, unique));
  if (edgeAttr === undefined) return { edgeIndex: out };
  const attr = tf.tidy(() => segmentAggregate(reduce, edgeAttr, tf.tensor1d(segment, 'int32'), unique)) as A;
  return { edgeIndex: out, edgeAttr: attr };
}
