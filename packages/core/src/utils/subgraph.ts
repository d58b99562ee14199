import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { assertEdgeAttr, makeEdgeIndex, positionsWhere, readEdgeIndex, readNodeIndices, resolveNumNodes, takeRows } from './edge_index_arrays.js';

/** Nodes to keep: indices (number, array, int tensor) or a bool mask tensor `[N]`. */
export type NodeSubset = number | ArrayLike<number> | tf.Tensor;

/** Options of {@link subgraph}. */
export interface SubgraphOptions<A extends tf.Tensor = tf.Tensor> {
  edgeAttr?: A | undefined;
  /** Renumber the kept nodes `0..|subset|-1` in the order of `subset`. Default false. */
  relabelNodes?: boolean | undefined;
  /** Number of nodes; defaults to the largest index + 1 (the mask length for a mask). */
  numNodes?: number | undefined;
  /** Accepted for PyG parity: `edgeMask` is always returned. */
  returnEdgeMask?: boolean | undefined;
}

/** Result of {@link subgraph}. */
export interface SubgraphResult<A extends tf.Tensor = tf.Tensor> {
  edgeIndex: tf.Tensor2D;
  edgeAttr?: A;
  /** bool `[E]`: the input edges whose both ends are in `subset`. */
  edgeMask: tf.Tensor1D;
}

/**
 * The edges between the nodes of `subset` (PyG's `subgraph`), in their
 * original order. With `relabelNodes`, node `subset[k]` becomes `k`.
 *
 * @example
 * ```ts
 * const { edgeIndex, edgeMask } = subgraph([0, 2, 3], graph.edgeIndex, { relabelNodes: true });
 * ```
 */
export function subgraph<A extends tf.Tensor>(
  subset: NodeSubset,
  edgeIndex: tf.Tensor2D,
  options: SubgraphOptions<A> & { edgeAttr: A },
): SubgraphResult<A> & { edgeAttr: A };
export function subgraph<A extends tf.Tensor>(subset: NodeSubset, edgeIndex: tf.Tensor2D, options?: SubgraphOptions<A>): SubgraphResult<A>;
export function subgraph<A extends tf.Tensor>(
  subset: NodeSubset,
  edgeIndex: tf.Tensor2D,
  options: SubgraphOptions<A> = {},
): SubgraphResult<A> {
  const edges = readEdgeIndex(edgeIndex, 'subgraph');
  const { edgeAttr, relabelNodes = false } = options;
  if (edgeAttr !== undefined) assertEdgeAttr(edgeAttr, edges.numEdges, 'edgeAttr', 'subgraph');

  let nodes: Int32Array;
  let numNodes: number;
  if (subset instanceof tf.Tensor && subset.dtype === 'bool') {
    const mask = subset.dataSync();
    numNodes = resolveNumNodes(edges, options.numNodes ?? mask.length, 'subgraph');
    if (numNodes !== mask.length) {
      throw new GraphValidationError('subset', `subgraph got a mask of length ${mask.length} for ${numNodes} nodes`);
    }
    nodes = positionsWhere(mask.length, (i) => mask[i] !== 0);
  } else {
    nodes = readNodeIndices(subset, 'subset', 'subgraph');
    numNodes = resolveNumNodes(edges, options.numNodes, 'subgraph');
  }
  // position[i]: k where subset[k] = i (the last k for repeats), -1 outside the subset.
  const position = new Int32Array(numNodes).fill(-1);
  nodes.forEach((node, k) => {
    if (node >= numNodes) throw new GraphValidationError('subset', `subgraph got node ${node}, but numNodes is ${numNodes}`);
    position[node] = k;
  });
  const { row, col } = edges;
  const keep = positionsWhere(edges.numEdges, (e) => position[row[e]!]! >= 0 && position[col[e]!]! >= 0);
  const relabel = (i: number): number => (relabelNodes ? position[i]! : i);
  const mask = new Uint8Array(edges.numEdges);
  keep.forEach((e) => (mask[e] = 1));
  const result: SubgraphResult<A> = {
    edgeIndex: makeEdgeIndex(
      Array.from(keep, (e) => relabel(row[e]!)),
      Array.from(keep, (e) => relabel(col[e]!)),
    ),
    edgeMask: tf.tensor1d(mask, 'bool'),
  };
  if (edgeAttr !== undefined) result.edgeAttr = takeRows(edgeAttr, keep);
  return result;
}
