/** PyG's `transforms.RandomLinkSplit` for homogeneous graphs. */
import * as tf from '@tensorflow/tfjs-core';
import { Graph, nextSeed, type GraphInit } from '@gnnjs/core';
import { SamplingError } from '../errors.js';
import { hashSeed, Random, STREAM } from '../sampler/random.js';
import { negativeSampling } from './negative_sampling.js';

/** Options of {@link randomLinkSplit}; defaults are PyG's. */
export interface RandomLinkSplitOptions {
  /** Validation edges: a count, or a fraction (a number in (0, 1)) of the edges. Default 0.1. */
  numVal?: number | undefined;
  /** Test edges, likewise. Default 0.2. */
  numTest?: number | undefined;
  /** The graph stores each undirected edge in both directions: split pairs, not directions (no leak through the reverse edge). Default false. */
  isUndirected?: boolean | undefined;
  /** Add negative training edges once (PyG's default true; false when the training loop samples its own). */
  addNegativeTrainSamples?: boolean | undefined;
  /** Negatives per positive label edge. Default 1. */
  negSamplingRatio?: number | undefined;
  /** Share (or count) of training edges used only as supervision, not for message passing. Default 0. */
  disjointTrainRatio?: number | undefined;
  /** Keep positive and negative label edges apart (`pos*`/`neg*` fields) instead of concatenated. Default false. */
  splitLabels?: boolean | undefined;
  /** Seed of the permutation and the negatives. Default: from `manualSeed`, else random. */
  seed?: number | undefined;
}

/** One split: the graph to pass messages on, and the label edges to predict. */
export interface LinkSplit {
  /** The message-passing edges (with their `edgeAttr`/`edgeWeight`); node fields shared with the input graph's values. */
  graph: Graph;
  /** int32 `[2, L]`: positive label edges, then negatives (unless `splitLabels`). */
  edgeLabelIndex: tf.Tensor2D;
  /** float32 `[L]`: 1 for positives, 0 for negatives. */
  edgeLabel: tf.Tensor1D;
  /** With `splitLabels`: positives and negatives apart. */
  posEdgeLabelIndex?: tf.Tensor2D;
  negEdgeLabelIndex?: tf.Tensor2D;
  /** Frees the split's graph and label tensors. */
  dispose(): void;
}

function count(value: number, total: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) throw new SamplingError(field, `expected a count or a fraction, got ${value}`);
  // PyG takes Python floats as fractions and ints as counts; numbers below 1 are fractions here.
  return value < 1 ? Math.floor(value * total) : Math.floor(value);
}

/**
 * Splits a graph's edges into training, validation and test edges for link
 * prediction, as PyG's `RandomLinkSplit`: validation messages use the
 * training edges, test messages training and validation edges; each split's
 * label edges are its own positives plus `negSamplingRatio` as many sampled
 * non-edges (`negativeSampling` over the whole graph). The input graph is not
 * changed; each split owns new tensors (`split.dispose()`).
 *
 * @example
 * ```ts
 * const { train, val, test } = randomLinkSplit(graph, { numVal: 0.05, numTest: 0.1, isUndirected: true, seed: 0 });
 * const loader = new LinkNeighborLoader(train.graph, { numNeighbors: [10, 5], edgeLabelIndex: train.edgeLabelIndex, edgeLabel: train.edgeLabel });
 * ```
 */
export function randomLinkSplit(graph: Graph, options: RandomLinkSplitOptions = {}): { train: LinkSplit; val: LinkSplit; test: LinkSplit } {
  const ratio = options.negSamplingRatio ?? 1;
  if (!(ratio >= 0)) throw new SamplingError('negSamplingRatio', `expected a non-negative number, got ${ratio}`);
  const seed = options.seed ?? nextSeed() ?? Math.floor(Math.random() * 2 ** 31);
  const ei = graph.edgeIndex.dataSync() as Int32Array;
  const e = graph.numEdges;
  const row = ei.subarray(0, e);
  const col = ei.subarray(e, 2 * e);
  const undirected = options.isUndirected ?? false;
  const candidates: number[] = [];
  for (let k = 0; k < e; k++) if (!undirected || row[k]! <= col[k]!) candidates.push(k);
  const order = new Random(hashSeed(seed, STREAM.split)).permutation(candidates.length);
  const perm = Array.from(order, (i) => candidates[i]!);
  const numVal = count(options.numVal ?? 0.1, perm.length, 'numVal');
  const numTest = count(options.numTest ?? 0.2, perm.length, 'numTest');
  const numTrain = perm.length - numVal - numTest;
  if (numTrain <= 0) throw new SamplingError('numVal', `leaves no training edges (${perm.length} edges, ${numVal} validation, ${numTest} test)`);
  const trainEdges = perm.slice(0, numTrain);
  const valEdges = perm.slice(numTrain, numTrain + numVal);
  const testEdges = perm.slice(numTrain + numVal);
  const numDisjoint = count(options.disjointTrainRatio ?? 0, trainEdges.length, 'disjointTrainRatio');
  if (numTrain - numDisjoint <= 0) throw new SamplingError('disjointTrainRatio', 'leaves no training edges for message passing');

  const addTrain = options.addNegativeTrainSamples ?? true;
  let numNegTrain = addTrain ? Math.floor((numDisjoint > 0 ? numDisjoint : numTrain) * ratio) : 0;
  let numNegVal = Math.floor(numVal * ratio);
  let numNegTest = Math.floor(numTest * ratio);
  const numNeg = numNegTrain + numNegVal + numNegTest;
  const neg = negativeSampling(graph.edgeIndex, { numNodes: graph.numNodes, numNegSamples: numNeg, method: 'sparse', seed: hashSeed(seed, STREAM.negatives) });
  const negData = neg.dataSync() as Int32Array;
  const found = neg.shape[1];
  neg.dispose();
  if (found < numNeg) {
    numNegTrain = Math.floor((numNegTrain / numNeg) * found);
    numNegVal = Math.floor((numNegVal / numNeg) * found);
    numNegTest = found - numNegTrain - numNegVal;
  }
  const negPairs = (from: number, to: number): [number[], number[]] => [Array.from(negData.subarray(from, to)), Array.from(negData.subarray(found + from, found + to))];

  const make = (messageEdges: number[], labelEdges: number[], negatives: [number[], number[]]): LinkSplit =>
    buildSplit(graph, row, col, messageEdges, labelEdges, negatives, undirected, options.splitLabels ?? false);
  return {
    train: make(trainEdges.slice(numDisjoint), numDisjoint > 0 ? trainEdges.slice(0, numDisjoint) : trainEdges, negPairs(numNegVal + numNegTest, numNegVal + numNegTest + numNegTrain)),
    val: make(trainEdges, valEdges, negPairs(0, numNegVal)),
    test: make([...trainEdges, ...valEdges], testEdges, negPairs(numNegVal, numNegVal + numNegTest)),
  };
}

function buildSplit(
  graph: Graph,
  row: Int32Array,
  col: Int32Array,
  messageEdges: number[],
  labelEdges: number[],
  [negRow, negCol]: [number[], number[]],
  undirected: boolean,
  splitLabels: boolean,
): LinkSplit {
  const created: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => {
    created.push(t);
    return t;
  };
  try {
    const src = messageEdges.map((k) => row[k]!);
    const dst = messageEdges.map((k) => col[k]!);
    const ids = undirected ? [...messageEdges, ...messageEdges] : messageEdges;
    const init: GraphInit = {
      edgeIndex: undirected ? [[...src, ...dst], [...dst, ...src]] : [src, dst],
      numNodes: graph.numNodes,
    };
    for (const field of ['x', 'y', 'trainMask', 'valMask', 'testMask'] as const) {
      const t = graph[field];
      if (t !== undefined) (init as unknown as Record<string, tf.Tensor>)[field] = own(tf.clone(t));
    }
    if (graph.numClasses !== undefined) init.numClasses = graph.numClasses;
    const index = tf.tensor1d(ids, 'int32');
    try {
      if (graph.edgeAttr !== undefined) init.edgeAttr = own(tf.gather(graph.edgeAttr, index));
      if (graph.edgeWeight !== undefined) init.edgeWeight = own(tf.gather(graph.edgeWeight, index));
    } finally {
      index.dispose();
    }
    const split = new Graph(init, { validate: false });
    created.length = 0;
    created.push(split.edgeIndex, ...Object.values(split.tensors()));
    const posRow = labelEdges.map((k) => row[k]!);
    const posCol = labelEdges.map((k) => col[k]!);
    const labelIndex = own(tf.tensor2d([...posRow, ...negRow, ...posCol, ...negCol], [2, posRow.length + negRow.length], 'int32'));
    const labels = own(tf.tensor1d([...posRow.map(() => 1), ...negRow.map(() => 0)], 'float32'));
    const out: LinkSplit = {
      graph: split,
      edgeLabelIndex: labelIndex,
      edgeLabel: labels,
      dispose: () => {
        split.dispose();
        tf.dispose([labelIndex, labels, out.posEdgeLabelIndex, out.negEdgeLabelIndex].filter((t) => t !== undefined) as tf.Tensor[]);
      },
    };
    if (splitLabels) {
      out.posEdgeLabelIndex = own(tf.tensor2d([...posRow, ...posCol], [2, posRow.length], 'int32'));
      out.negEdgeLabelIndex = own(tf.tensor2d([...negRow, ...negCol], [2, negRow.length], 'int32'));
    }
    return out;
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}
