import type { Graph } from '@gnnjs/core';
import { buildGraph } from '../graph/build_graph.js';
import { DEFAULT_SEED, Rng } from '../random/rng.js';
import { checkCount } from './edge_sampling.js';

/** Options of {@link randomGraph}. */
export interface RandomGraphOptions {
  readonly seed?: number | undefined;
  /** When given, `x` gets this many uniform [0, 1) feature columns. */
  readonly numFeatures?: number | undefined;
}

/**
 * `numEdges` directed edges with endpoints drawn uniformly (a multigraph:
 * repeats and self-loops are kept), in O(E) time and memory: the benchmark
 * workload, e.g. `randomGraph(n, 10 * n)` up to millions of edges.
 */
export function randomEdges(numNodes: number, numEdges: number, seed: number = DEFAULT_SEED): Int32Array {
  checkCount(numNodes, 'numNodes', numEdges > 0 ? 1 : 0);
  checkCount(numEdges, 'numEdges');
  const rng = new Rng(seed);
  const out = new Int32Array(2 * numEdges);
  for (let i = 0; i < out.length; i++) out[i] = rng.int(numNodes);
  return out;
}

/**
 * A uniform random (multi)graph for benchmarks.
 *
 * @example
 * ```ts
 * const g = randomGraph(100_000, 1_000_000, { seed: 1, numFeatures: 64 });
 * ```
 */
export function randomGraph(numNodes: number, numEdges: number, options: RandomGraphOptions = {}): Graph {
  const seed = options.seed ?? DEFAULT_SEED;
  const edgeIndex = randomEdges(numNodes, numEdges, seed);
  if (options.numFeatures === undefined) return buildGraph({ numNodes, edgeIndex });
  checkCount(options.numFeatures, 'numFeatures');
  const rng = new Rng(seed + 1);
  const x = Float32Array.from({ length: numNodes * options.numFeatures }, () => rng.next());
  return buildGraph({ numNodes, edgeIndex, x, numFeatures: options.numFeatures });
}
