import type { Graph } from '@gnnjs/core';
import { DatasetError } from '../errors.js';
import { buildGraph } from '../graph/build_graph.js';
import { DEFAULT_SEED, Rng } from '../random/rng.js';
import { EdgeList, checkCount, checkProbability, sampleGridCells, sampleUnorderedPairs } from './edge_sampling.js';

/** Options of {@link erdosRenyiGraph}: exactly one of `edgeProb` and `numEdges`. */
export interface ErdosRenyiOptions {
  /** G(n, p): each pair is an edge with this probability. */
  readonly edgeProb?: number | undefined;
  /** G(n, m): exactly this many distinct pairs (undirected pairs when not `directed`). */
  readonly numEdges?: number | undefined;
  /** Ordered pairs (`i → j` and `j → i` drawn separately). Default false: both directions of each pair. */
  readonly directed?: boolean | undefined;
  readonly seed?: number | undefined;
}

/**
 * Edges of an Erdős–Rényi graph without self-loops, sorted by source then target.
 * G(n, p) runs in O(N + E) by geometric skipping (never O(N²)); G(n, m)
 * rejects repeats, O(E) expected while `numEdges` is well below the number of pairs.
 */
export function erdosRenyiEdges(numNodes: number, options: ErdosRenyiOptions): Int32Array {
  checkCount(numNodes, 'numNodes');
  const { edgeProb, numEdges, directed = false } = options;
  if ((edgeProb === undefined) === (numEdges === undefined)) {
    throw new DatasetError('erdosRenyiGraph needs exactly one of edgeProb and numEdges');
  }
  const rng = new Rng(options.seed ?? DEFAULT_SEED);
  const edges = new EdgeList();
  if (edgeProb !== undefined) {
    checkProbability(edgeProb, 'edgeProb');
    if (directed) {
      sampleGridCells(numNodes, numNodes, edgeProb, rng, (r, c) => edges.push(r, c), true);
      return edges.toEdgeIndex(); // already sorted, no repeats
    }
    sampleUnorderedPairs(numNodes, edgeProb, rng, (a, b) => edges.push(a, b));
    return edges.toCoalesced(numNodes, { undirected: true, dropSelfLoops: true });
  }
  checkCount(numEdges!, 'numEdges');
  const pairs = directed ? numNodes * (numNodes - 1) : (numNodes * (numNodes - 1)) / 2;
  if (numEdges! > pairs) throw new DatasetError(`numEdges ${numEdges} exceeds the ${pairs} possible pairs of ${numNodes} nodes`);
  const seen = new Set<number>();
  while (seen.size < numEdges!) {
    const a = rng.int(numNodes);
    const b = rng.int(numNodes);
    if (a === b) continue;
    const [s, d] = directed || a < b ? [a, b] : [b, a];
    const key = s * numNodes + d;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(s, d);
  }
  return edges.toCoalesced(numNodes, { undirected: !directed, dropSelfLoops: true });
}

/**
 * An Erdős–Rényi random graph (PyG's `erdos_renyi_graph`, plus G(n, m)), seeded.
 *
 * @example
 * ```ts
 * const g = erdosRenyiGraph(1000, { edgeProb: 0.01, seed: 42 }); // ≈ 9990 directed edges
 * ```
 */
export function erdosRenyiGraph(numNodes: number, options: ErdosRenyiOptions): Graph {
  return buildGraph({ numNodes, edgeIndex: erdosRenyiEdges(numNodes, options) });
}
