import * as tf from '@tensorflow/tfjs-core';
import type { SelfLoopOptions } from './add_self_loops.js';
import { assertEdgeAttr, makeEdgeIndex, positionsWhere, readEdgeIndex, resolveNumNodes, takeRows } from './edge_index_arrays.js';
import { computeLoopAttr } from './loop_attr.js';
import type { EdgeIndexWithAttr } from './remove_self_loops.js';

/**
 * Gives every node exactly one self-loop, as PyG 2.6's
 * `add_remaining_self_loops`: the output is the non-loop edges in their
 * original order, then the loops `(0, 0) … (N-1, N-1)`. A node that already
 * had a loop keeps that loop's attribute (the last one, if it had several);
 * the others get `fillValue` (see {@link SelfLoopOptions}). Returns new tensors.
 *
 * @example
 * ```ts
 * // GCN: existing loops keep their weight, the others get 1.
 * const { edgeIndex, edgeAttr } = addRemainingSelfLoops(ei, { edgeAttr: w, fillValue: 1, numNodes });
 * ```
 */
export function addRemainingSelfLoops<A extends tf.Tensor>(
  edgeIndex: tf.Tensor2D,
  options: SelfLoopOptions<A> & { edgeAttr: A },
): { edgeIndex: tf.Tensor2D; edgeAttr: A };
export function addRemainingSelfLoops<A extends tf.Tensor>(
  edgeIndex: tf.Tensor2D,
  options?: SelfLoopOptions<A>,
): EdgeIndexWithAttr<A>;
export function addRemainingSelfLoops<A extends tf.Tensor>(
  edgeIndex: tf.Tensor2D,
  options: SelfLoopOptions<A> = {},
): EdgeIndexWithAttr<A> {
  const fn = 'addRemainingSelfLoops';
  const edges = readEdgeIndex(edgeIndex, fn);
  const numNodes = resolveNumNodes(edges, options.numNodes, fn);
  const { edgeAttr } = options;
  if (edgeAttr !== undefined) assertEdgeAttr(edgeAttr, edges.numEdges, 'edgeAttr', fn);

  const { row, col, numEdges } = edges;
  const keep = positionsWhere(numEdges, (e) => row[e] !== col[e]);
  const total = keep.length + numNodes;
  const outRow = new Int32Array(total);
  const outCol = new Int32Array(total);
  keep.forEach((e, k) => {
    outRow[k] = row[e]!;
    outCol[k] = col[e]!;
  });
  for (let i = 0; i < numNodes; i++) {
    outRow[keep.length + i] = i;
    outCol[keep.length + i] = i;
  }
  const out = makeEdgeIndex(outRow, outCol);
  if (edgeAttr === undefined) return { edgeIndex: out };

  // Rows of concat([edgeAttr, fill]): kept edges, then per node its last
  // existing loop (PyG's `loop_attr[row[inv_mask]] = edge_attr[inv_mask]`) or its fill row.
  const source = new Int32Array(total);
  source.set(keep);
  for (let i = 0; i < numNodes; i++) source[keep.length + i] = numEdges + i;
  for (let e = 0; e < numEdges; e++) if (row[e] === col[e]) source[keep.length + row[e]!] = e;
  const attr = tf.tidy(() => {
    const fill = computeLoopAttr(edgeAttr, col, numNodes, options.fillValue, fn);
    return takeRows(tf.concat([edgeAttr, fill], 0), source);
  }) as A;
  return { edgeIndex: out, edgeAttr: attr };
}
