import * as tf from '@tensorflow/tfjs-core';
import { Graph } from '@gnnjs/core';
import { DatasetError } from '../errors.js';
import { DEFAULT_SEED, Rng } from '../random/rng.js';

/** Options of {@link pathPairDistance}. */
export interface PathPairDistanceOptions {
  /** Number of graphs. */
  readonly numGraphs: number;
  /** Fewest nodes of a path (default 24, at least 20). */
  readonly minNodes?: number | undefined;
  /** Most nodes of a path (default 32). */
  readonly maxNodes?: number | undefined;
  readonly seed?: number | undefined;
}

/** How far from the ends, and from each other, the marked nodes stay: beyond a 2-layer message-passing network's reach. */
const MARGIN = 5;

/** One graph's layout: its size, the marked nodes and the label. */
export interface PathPairLayout {
  readonly numNodes: number;
  readonly marked: readonly [number, number];
  /** 1 when the marked nodes are far apart (distance ≥ `threshold`), else 0. */
  readonly label: 0 | 1;
  readonly threshold: number;
}

/**
 * The layouts of {@link pathPairDistance}, without tensors: for each graph a
 * path of `n` nodes, two marked nodes at least {@link MARGIN} (5) steps from
 * either end and from each other, and the label "far apart": distance ≥
 * `threshold` = the middle of the possible distances `[5, n − 11]`.
 * Labels are balanced by construction (label first, then a distance
 * uniformly in its range, then a position).
 */
export function pathPairLayouts(options: PathPairDistanceOptions): PathPairLayout[] {
  const { numGraphs, minNodes = 24, maxNodes = 32 } = options;
  if (!Number.isInteger(numGraphs) || numGraphs < 0) throw new DatasetError(`pathPairDistance: numGraphs must be a non-negative integer, got ${numGraphs}`);
  if (!Number.isInteger(minNodes) || !Number.isInteger(maxNodes) || minNodes < 4 * MARGIN || maxNodes < minNodes) {
    throw new DatasetError(`pathPairDistance: need integers 20 ≤ minNodes ≤ maxNodes, got ${minNodes} and ${maxNodes}`);
  }
  const rng = new Rng(options.seed ?? DEFAULT_SEED);
  return Array.from({ length: numGraphs }, () => {
    const n = minNodes + rng.int(maxNodes - minNodes + 1);
    const longest = n - 1 - 2 * MARGIN;
    const threshold = Math.floor((MARGIN + longest + 1) / 2);
    const label = rng.int(2) as 0 | 1;
    const [low, high] = label === 1 ? [threshold, longest] : [MARGIN, threshold - 1];
    const distance = low + rng.int(high - low + 1);
    const first = MARGIN + rng.int(n - 2 * MARGIN - distance);
    return { numNodes: n, marked: [first, first + distance] as const, label, threshold };
  });
}

/**
 * A graph-classification task whose labels need long-range information:
 * "are the two marked nodes of this path far apart?". Each graph is a path
 * (both edge directions) of 24–32 nodes; `x` is `[N, 2]` = (marked, 1); `y`
 * is int32 `[1]`, the class (1 = far: distance ≥ the middle of the possible
 * distances). The marked nodes stay 5 steps from the ends and from each
 * other, so no node of a 2-layer message-passing network sees both marked
 * nodes or a marked node and an end: such a network (GIN) is at chance,
 * while a graph transformer with positional encodings (GPS with
 * `AddLaplacianEigenvectorPE`) can compare the marked nodes' positions.
 *
 * @example
 * ```ts
 * const graphs = pathPairDistance({ numGraphs: 1000, seed: 0 }); // Graph[], labels balanced
 * const batch = Batch.fromGraphs(graphs.slice(0, 32)); // batch.y: [32]
 * ```
 */
export function pathPairDistance(options: PathPairDistanceOptions): Graph[] {
  return pathPairLayouts(options).map(({ numNodes: n, marked, label }) => {
    const src: number[] = [];
    const dst: number[] = [];
    for (let i = 0; i + 1 < n; i++) {
      src.push(i, i + 1);
      dst.push(i + 1, i);
    }
    const features = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) features[2 * i + 1] = 1;
    features[2 * marked[0]] = 1;
    features[2 * marked[1]] = 1;
    return new Graph({ edgeIndex: [src, dst], x: tf.tensor2d(features, [n, 2]), y: tf.tensor1d([label], 'int32'), numClasses: 2 });
  });
}
