import type { Graph } from '@gnnjs/core';
import { DatasetError } from '../errors.js';
import { buildGraph } from '../graph/build_graph.js';
import { DEFAULT_SEED, Rng } from '../random/rng.js';
import { perClassSplit } from '../splits/node_splits.js';
import { EdgeList, checkCount, checkProbability, sampleGridCells, sampleUnorderedPairs } from './edge_sampling.js';

/** Options of {@link stochasticBlockModel}. */
export interface StochasticBlockModelOptions {
  /** Nodes per block; block `b` holds the next `blockSizes[b]` node ids and is class `b`. */
  readonly blockSizes: readonly number[];
  /** Edge probability inside a block. */
  readonly pIn: number;
  /** Edge probability between blocks. */
  readonly pOut: number;
  /** Feature columns (default 16). */
  readonly numFeatures?: number | undefined;
  /** Standard deviation of the per-node noise around the class mean (default 1; class means are N(0, 1)). */
  readonly featureNoise?: number | undefined;
  /** Training nodes per class (default min(20, ⌊size / 5⌋), at least 1). */
  readonly numTrainPerClass?: number | undefined;
  readonly seed?: number | undefined;
}

/** A stochastic block model as typed arrays (see {@link stochasticBlockModel}). */
export interface StochasticBlockModelData {
  readonly numNodes: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly edgeIndex: Int32Array;
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly trainMask: Uint8Array;
  readonly valMask: Uint8Array;
  readonly testMask: Uint8Array;
}

/** {@link stochasticBlockModel} as typed arrays. */
export function stochasticBlockModelData(options: StochasticBlockModelOptions): StochasticBlockModelData {
  const { blockSizes, pIn, pOut } = options;
  if (blockSizes.length === 0) throw new DatasetError('blockSizes must list at least one block');
  blockSizes.forEach((s, b) => checkCount(s, `blockSizes[${b}]`, 1));
  checkProbability(pIn, 'pIn');
  checkProbability(pOut, 'pOut');
  const numFeatures = options.numFeatures ?? 16;
  checkCount(numFeatures, 'numFeatures');
  const noise = options.featureNoise ?? 1;
  if (!(noise >= 0)) throw new DatasetError(`featureNoise must be ≥ 0, got ${noise}`);
  const rng = new Rng(options.seed ?? DEFAULT_SEED);

  const starts = [0];
  for (const s of blockSizes) starts.push(starts.at(-1)! + s);
  const numNodes = starts.at(-1)!;
  const numClasses = blockSizes.length;

  const edges = new EdgeList();
  for (let a = 0; a < numClasses; a++) {
    const offA = starts[a]!;
    sampleUnorderedPairs(blockSizes[a]!, pIn, rng, (u, v) => edges.push(offA + u, offA + v));
    for (let b = a + 1; b < numClasses; b++) {
      const offB = starts[b]!;
      sampleGridCells(blockSizes[a]!, blockSizes[b]!, pOut, rng, (u, v) => edges.push(offA + u, offB + v));
    }
  }

  const y = new Int32Array(numNodes);
  blockSizes.forEach((s, b) => y.fill(b, starts[b]!, starts[b]! + s));
  const means = Float32Array.from({ length: numClasses * numFeatures }, () => rng.normal());
  const x = new Float32Array(numNodes * numFeatures);
  for (let i = 0; i < numNodes; i++) {
    for (let f = 0; f < numFeatures; f++) x[i * numFeatures + f] = means[y[i]! * numFeatures + f]! + noise * rng.normal();
  }

  const smallest = Math.min(...blockSizes);
  const numTrainPerClass = options.numTrainPerClass ?? Math.max(1, Math.min(20, Math.floor(smallest / 5)));
  const numTrain = blockSizes.reduce((sum, s) => sum + Math.min(s, numTrainPerClass), 0);
  const masks = perClassSplit(y, numClasses, { numTrainPerClass, numVal: Math.floor((numNodes - numTrain) / 2), numTest: 'rest' }, rng);

  return {
    numNodes,
    numFeatures,
    numClasses,
    edgeIndex: edges.toCoalesced(numNodes, { undirected: true, dropSelfLoops: true }),
    x,
    y,
    ...masks,
  };
}

/**
 * A stochastic block model with class-dependent Gaussian features: an
 * undirected graph whose blocks are the classes (edges appear with `pIn`
 * inside a block, `pOut` across), `x = classMean + featureNoise · N(0, 1)`,
 * `y` = block, and masks: `numTrainPerClass` per class train, the other nodes
 * split evenly (at random) into validation and test. Sampling is O(N + E).
 *
 * @example
 * ```ts
 * const g = stochasticBlockModel({ blockSizes: [50, 50, 50], pIn: 0.1, pOut: 0.01, seed: 7 });
 * g.numClasses; // 3
 * ```
 */
export function stochasticBlockModel(options: StochasticBlockModelOptions): Graph {
  return buildGraph(stochasticBlockModelData(options));
}
