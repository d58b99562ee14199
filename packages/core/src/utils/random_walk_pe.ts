import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { assertEdgeAttr, readEdgeIndex, resolveNumNodes } from './edge_index_arrays.js';

/** Options of {@link randomWalkPE}. */
export interface RandomWalkPEOptions {
  /** Number of random-walk steps `K` (columns of the encoding). */
  walkLength: number;
  /** Defaults to the largest index + 1. */
  numNodes?: number | undefined;
  /** `[E]` edge weights: a node's out-degree is the sum of its out-edges' weights (default: each edge counts 1). */
  edgeWeight?: tf.Tensor1D | undefined;
}

/** Graphs up to this many nodes use PyG's dense semantics (a duplicate edge is written once); larger ones sum duplicates, as its sparse path. */
export const RANDOM_WALK_DENSE_LIMIT = 2000;

/**
 * Random-walk structural encoding (Dwivedi et al., 2022), PyG's
 * `AddRandomWalkPE`: with the transition matrix
 * `P[i, j] = 1 / max(outdeg(i), 1)` for every edge `i → j` (row 0 → row 1),
 * `pe[i, k] = (P^(k+1))[i, i]`, the probability that a `k+1`-step random
 * walk from `i` is back at `i`, for `k = 0 … walkLength − 1`. Out-degrees
 * count duplicate edges (or sum `edgeWeight`); as in PyG, a duplicate edge
 * enters `P` once on graphs of up to 2000 nodes and summed above. Computed on
 * the host in float64: O(numNodes · walkLength · E), one sparse walk per
 * start node, no dense `N × N` power.
 *
 * @example
 * ```ts
 * const pe = randomWalkPE(graph.edgeIndex, { walkLength: 16, numNodes: graph.numNodes }); // [N, 16]
 * ```
 */
export function randomWalkPE(edgeIndex: tf.Tensor2D, options: RandomWalkPEOptions): tf.Tensor2D {
  const { walkLength, edgeWeight } = options;
  if (!Number.isInteger(walkLength) || walkLength < 1) throw new ShapeError('walkLength', `randomWalkPE expects a positive integer, got ${walkLength}`);
  const edges = readEdgeIndex(edgeIndex, 'randomWalkPE');
  const n = resolveNumNodes(edges, options.numNodes, 'randomWalkPE');
  if (edgeWeight !== undefined) assertEdgeAttr(edgeWeight, edges.numEdges, 'edgeWeight', 'randomWalkPE');
  const weights = edgeWeight === undefined ? undefined : edgeWeight.dataSync();
  const degree = new Float64Array(n);
  for (let e = 0; e < edges.numEdges; e++) degree[edges.row[e]!]! += weights === undefined ? 1 : weights[e]!;
  // Transition entries per source row: (target, probability), duplicates merged by the dense or the sparse rule.
  const targets: number[][] = Array.from({ length: n }, () => []);
  const values: number[][] = Array.from({ length: n }, () => []);
  const dense = n <= RANDOM_WALK_DENSE_LIMIT;
  const seen = new Map<number, number>();
  for (let e = 0; e < edges.numEdges; e++) {
    const i = edges.row[e]!;
    const j = edges.col[e]!;
    const p = 1 / Math.max(degree[i]!, 1);
    const at = seen.get(i * n + j);
    if (at === undefined) {
      seen.set(i * n + j, targets[i]!.length);
      targets[i]!.push(j);
      values[i]!.push(p);
    } else if (!dense) values[i]![at]! += p;
  }
  const out = new Float32Array(n * walkLength);
  let current = new Float64Array(n);
  let next = new Float64Array(n);
  const touched: number[] = [];
  for (let start = 0; start < n; start++) {
    // The row vector e_start · P^k, kept sparse through the list of touched nodes.
    current.fill(0);
    current[start] = 1;
    let frontier = [start];
    for (let k = 0; k < walkLength; k++) {
      touched.length = 0;
      for (const i of frontier) {
        const mass = current[i]!;
        if (mass === 0) continue;
        const row = targets[i]!;
        const p = values[i]!;
        for (let t = 0; t < row.length; t++) {
          const j = row[t]!;
          if (next[j] === 0) touched.push(j);
          next[j]! += mass * p[t]!;
        }
      }
      out[start * walkLength + k] = next[start]!;
      for (const i of frontier) current[i] = 0;
      [current, next] = [next, current];
      frontier = [...new Set(touched)];
    }
    for (const i of frontier) current[i] = 0;
  }
  return tf.tensor2d(out, [n, walkLength]);
}
