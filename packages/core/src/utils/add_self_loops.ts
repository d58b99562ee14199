import * as tf from '@tensorflow/tfjs-core';
import { assertEdgeAttr, makeEdgeIndex, readEdgeIndex, resolveNumNodes } from './edge_index_arrays.js';
import { computeLoopAttr, type SelfLoopFill } from './loop_attr.js';
import type { EdgeIndexWithAttr } from './remove_self_loops.js';

/** Options of {@link addSelfLoops} and {@link addRemainingSelfLoops}. */
export interface SelfLoopOptions<A extends tf.Tensor = tf.Tensor> {
  /** Edge attributes `[E, ...]`; the loops get attributes from `fillValue`. */
  edgeAttr?: A | undefined;
  /**
   * The loops' attribute: a number (default 1), a tensor broadcast to
   * `[N, ...]`, or `'add' | 'sum' | 'mean' | 'max' | 'min'` of the attributes
   * of the edges entering each node (over `edgeIndex[1]`; 0 for none).
   */
  fillValue?: SelfLoopFill | undefined;
  /** Number of nodes; defaults to the largest index + 1. */
  numNodes?: number | undefined;
}

/**
 * Appends a self-loop `(i, i)` for every node `i = 0..N-1` after the existing
 * edges (existing loops are kept, so a node may get two), as PyG's
 * `add_self_loops`. Returns new tensors.
 *
 * @example
 * ```ts
 * const { edgeIndex } = addSelfLoops(graph.edgeIndex, { numNodes: graph.numNodes });
 * const withW = addSelfLoops(graph.edgeIndex, { edgeAttr: w, fillValue: 'mean' }); // withW.edgeAttr: [E + N]
 * ```
 */
export function addSelfLoops<A extends tf.Tensor>(
  edgeIndex: tf.Tensor2D,
  options: SelfLoopOptions<A> & { edgeAttr: A },
): { edgeIndex: tf.Tensor2D; edgeAttr: A };
export function addSelfLoops<A extends tf.Tensor>(edgeIndex: tf.Tensor2D, options?: SelfLoopOptions<A>): EdgeIndexWithAttr<A>;
export function addSelfLoops<A extends tf.Tensor>(edgeIndex: tf.Tensor2D, options: SelfLoopOptions<A> = {}): EdgeIndexWithAttr<A> {
  const edges = readEdgeIndex(edgeIndex, 'addSelfLoops');
  const numNodes = resolveNumNodes(edges, options.numNodes, 'addSelfLoops');
  const { edgeAttr } = options;
  if (edgeAttr !== undefined) assertEdgeAttr(edgeAttr, edges.numEdges, 'edgeAttr', 'addSelfLoops');
  const loops = Int32Array.from({ length: numNodes }, (_, i) => i);
  const row = new Int32Array(edges.numEdges + numNodes);
  const col = new Int32Array(edges.numEdges + numNodes);
  row.set(edges.row);
  row.set(loops, edges.numEdges);
  col.set(edges.col);
  col.set(loops, edges.numEdges);
  const out = makeEdgeIndex(row, col);
  if (edgeAttr === undefined) return { edgeIndex: out };
  const attr = tf.tidy(() =>
    tf.concat([edgeAttr, computeLoopAttr(edgeAttr, edges.col, numNodes, options.fillValue, 'addSelfLoops')], 0),
  ) as A;
  return { edgeIndex: out, edgeAttr: attr };
}
