import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, ShapeError } from '../errors.js';
import { makeEdgeIndex, positionsWhere, readEdgeIndex, readNodeIndices, resolveNumNodes } from './edge_index_arrays.js';
import type { MessageFlow } from './gcn_norm.js';

/** Options of {@link kHopSubgraph}. */
export interface KHopSubgraphOptions {
  /** Renumber the subgraph's nodes `0..|subset|-1` (in ascending id order). Default false. */
  relabelNodes?: boolean | undefined;
  numNodes?: number | undefined;
  /** `'source_to_target'` (default) follows edges backwards from the seeds: the nodes that send messages to them. */
  flow?: MessageFlow | undefined;
  /**
   * Keep only the edges walked towards the seeds (PyG's `directed=True`),
   * instead of every edge between nodes of the subset. Default false.
   */
  directed?: boolean | undefined;
}

/** Result of {@link kHopSubgraph}; every field is a new tensor. */
export interface KHopSubgraphResult {
  /** int32: the nodes within `numHops` of the seeds, ascending. */
  subset: tf.Tensor1D;
  /** int32 `[2, E']`: the edges between nodes of `subset`, in input order. */
  edgeIndex: tf.Tensor2D;
  /** int32: where each seed node sits in `subset`. */
  mapping: tf.Tensor1D;
  /** bool `[E]`: which input edges were kept. */
  edgeMask: tf.Tensor1D;
}

/**
 * The `numHops`-hop neighbourhood of `nodeIdx` (PyG's `k_hop_subgraph`): all
 * nodes from which a seed can be reached in at most `numHops` steps (for
 * `'source_to_target'`), and every edge between them.
 *
 * @example
 * ```ts
 * const { subset, edgeIndex, mapping } = kHopSubgraph(0, 2, graph.edgeIndex, { relabelNodes: true });
 * ```
 */
export function kHopSubgraph(
  nodeIdx: number | ArrayLike<number> | tf.Tensor,
  numHops: number,
  edgeIndex: tf.Tensor2D,
  options: KHopSubgraphOptions = {},
): KHopSubgraphResult {
  const { relabelNodes = false, flow = 'source_to_target', directed = false } = options;
  if (!Number.isInteger(numHops) || numHops < 0) {
    throw new ShapeError('numHops', `kHopSubgraph expects a non-negative integer, got ${numHops}`);
  }
  if (flow !== 'source_to_target' && flow !== 'target_to_source') {
    throw new ShapeError('flow', `kHopSubgraph expects 'source_to_target' or 'target_to_source', got '${String(flow)}'`);
  }
  const edges = readEdgeIndex(edgeIndex, 'kHopSubgraph');
  const numNodes = resolveNumNodes(edges, options.numNodes, 'kHopSubgraph');
  const seeds = readNodeIndices(nodeIdx, 'nodeIdx', 'kHopSubgraph');
  for (const s of seeds) {
    if (s >= numNodes) throw new GraphValidationError('nodeIdx', `kHopSubgraph got node ${s}, but numNodes is ${numNodes}`);
  }
  // Walk from `to` (the seeds' side) to `from` along each edge.
  const [from, to] = flow === 'source_to_target' ? [edges.row, edges.col] : [edges.col, edges.row];
  const inSubset = new Uint8Array(numNodes);
  const walked = new Uint8Array(edges.numEdges);
  let frontier = new Uint8Array(numNodes);
  for (const s of seeds) inSubset[s] = frontier[s] = 1;
  for (let hop = 0; hop < numHops; hop++) {
    const next = new Uint8Array(numNodes);
    for (let e = 0; e < edges.numEdges; e++) {
      if (frontier[to[e]!]) {
        next[from[e]!] = 1;
        walked[e] = 1;
      }
    }
    for (let i = 0; i < numNodes; i++) if (next[i]) inSubset[i] = 1;
    frontier = next;
  }
  const subset = positionsWhere(numNodes, (i) => inSubset[i] === 1);
  const position = new Int32Array(numNodes).fill(-1);
  subset.forEach((node, k) => (position[node] = k));
  const keep = directed
    ? positionsWhere(edges.numEdges, (e) => walked[e] === 1)
    : positionsWhere(edges.numEdges, (e) => inSubset[edges.row[e]!] === 1 && inSubset[edges.col[e]!] === 1);
  const relabel = (i: number): number => (relabelNodes ? position[i]! : i);
  const mask = new Uint8Array(edges.numEdges);
  keep.forEach((e) => (mask[e] = 1));
  return {
    subset: tf.tensor1d(subset, 'int32'),
    edgeIndex: makeEdgeIndex(
      Array.from(keep, (e) => relabel(edges.row[e]!)),
      Array.from(keep, (e) => relabel(edges.col[e]!)),
    ),
    mapping: tf.tensor1d(Array.from(seeds, (s) => position[s]!), 'int32'),
    edgeMask: tf.tensor1d(mask, 'bool'),
  };
}
