/**
 * The small graphs every kernel is checked on: a seeded random graph plus the
 * edge cases where scatter/gather kernels usually break.
 */
import { mulberry32, randomInts } from './rng.js';

/**
 * A directed multigraph as two edge endpoint arrays. Sources index
 * `[0, numSrcNodes)` and targets `[0, numNodes)`; the two differ only in the
 * bipartite graph (as in a sampled message-flow graph).
 */
export interface ConformanceGraph {
  readonly name: string;
  /** Number of target nodes: segments of the reductions, rows of an SpMM output. */
  readonly numNodes: number;
  /** Number of source nodes: rows of `gatherRows`'/SpMM's `x` and SDDMM's `lhs`. */
  readonly numSrcNodes: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
}

type Ids = readonly number[] | Int32Array;

/**
 * A conformance graph from its endpoints (sources in `[0, numSrcNodes)`,
 * targets in `[0, numNodes)`), named with its sizes: e.g. for graphs a
 * property-based test draws.
 *
 * @example
 * ```ts
 * const g = conformanceGraph('two loops', 2, [0, 1], [0, 1]); // name 'two loops (N=2, E=2)'
 * ```
 */
export function conformanceGraph(name: string, numNodes: number, src: Ids, dst: Ids, numSrcNodes = numNodes): ConformanceGraph {
  return graph(name, numNodes, src, dst, numSrcNodes);
}

function graph(name: string, numNodes: number, src: Ids, dst: Ids, numSrcNodes = numNodes): ConformanceGraph {
  const size = numSrcNodes === numNodes ? `N=${numNodes}` : `${numSrcNodes}→${numNodes} nodes`;
  return {
    name: `${name} (${size}, E=${src.length})`,
    numNodes,
    numSrcNodes,
    src: Int32Array.from(src),
    dst: Int32Array.from(dst),
  };
}

/** Builds the conformance graphs from one seed. Sizes stay small: composites on tfjs-cpu scatter in O(N·E·D). */
export function conformanceGraphs(seed: number): ConformanceGraph[] {
  const random = mulberry32(seed);
  const graphs: ConformanceGraph[] = [];

  graphs.push(graph('random', 12, randomInts(random, 40, 12), randomInts(random, 40, 12)));
  graphs.push(graph('no edges', 5, [], []));
  // Nodes 5..9 neither send nor receive.
  graphs.push(graph('isolated nodes', 10, randomInts(random, 12, 5), randomInts(random, 12, 5)));

  const baseSrc = randomInts(random, 6, 6);
  const baseDst = randomInts(random, 6, 6);
  const dupSrc = [...baseSrc, ...baseSrc, ...baseSrc.slice(0, 3)];
  const dupDst = [...baseDst, ...baseDst, ...baseDst.slice(0, 3)];
  graphs.push(graph('duplicate edges', 6, dupSrc, dupDst));

  const loops = [0, 1, 2, 3, 4, 5];
  const extraSrc = randomInts(random, 8, 6);
  const extraDst = randomInts(random, 8, 6);
  graphs.push(graph('self-loops', 6, [...loops, ...extraSrc], [...loops, ...extraDst]));

  graphs.push(graph('one node', 1, [0, 0, 0], [0, 0, 0]));

  // 300 edges into node 0, plus a few elsewhere.
  const hubSrc = [...randomInts(random, 300, 40), ...randomInts(random, 20, 40)];
  const hubDst = [...new Array<number>(300).fill(0), ...randomInts(random, 20, 40)];
  graphs.push(graph('hub', 40, hubSrc, hubDst));

  // 9 source nodes, 4 targets: x and lhs have more rows than the output.
  graphs.push(graph('bipartite', 4, randomInts(random, 16, 9), randomInts(random, 16, 4), 9));
  return graphs;
}

/**
 * A graph with edges whose source or target lies outside the node range
 * (negative or too large), mixed with ordinary ones. Kept out of
 * {@link conformanceGraphs}: only kernels whose composite default masks such
 * edges (AdditiveAttention) are checked on it, since tfjs-cpu's gather rejects them.
 */
export function outOfRangeGraph(seed: number): ConformanceGraph {
  const random = mulberry32(seed ^ 0x5eed);
  const src = [...randomInts(random, 10, 5), -1, 5, 0, 7, 2, -3];
  const dst = [...randomInts(random, 10, 4), 0, 1, -1, 2, 4, 9];
  return graph('out-of-range edges', 4, src, dst, 5);
}
