/** PyG's `transforms.RandomLinkSplit`, for homogeneous graphs (here) and heterogeneous ones (`hetero_link_split.ts`). */
import * as tf from '@tensorflow/tfjs-core';
import { Graph, HeteroGraph, nextSeed, type GraphInit } from '@gnnjs/core';
import { heteroRandomLinkSplit, type HeteroLinkSplit, type HeteroRandomLinkSplitOptions } from './hetero_link_split.js';
import { negSamplingRatio, partitionLinks, seededDraw } from './link_split_plan.js';

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

/**
 * Splits a graph's edges into training, validation and test edges for link
 * prediction, as PyG's `RandomLinkSplit`: validation messages use the
 * training edges, test messages training and validation edges; each split's
 * label edges are its own positives plus `negSamplingRatio` as many sampled
 * non-edges (`negativeSampling` over the whole graph). The input graph is not
 * changed; each split owns new tensors (`split.dispose()`).
 *
 * A `HeteroGraph` is split by edge type, as PyG splits `HeteroData`: see
 * {@link HeteroRandomLinkSplitOptions} (`edgeTypes`, `revEdgeTypes`, `edgeLabels`).
 *
 * @example
 * ```ts
 * const { train, val, test } = randomLinkSplit(graph, { numVal: 0.05, numTest: 0.1, isUndirected: true, seed: 0 });
 * const loader = new LinkNeighborLoader(train.graph, { numNeighbors: [10, 5], edgeLabelIndex: train.edgeLabelIndex, edgeLabel: train.edgeLabel });
 * ```
 */
export function randomLinkSplit(graph: Graph, options?: RandomLinkSplitOptions): { train: LinkSplit; val: LinkSplit; test: LinkSplit };
export function randomLinkSplit<N extends string>(
  graph: HeteroGraph<N>,
  options: HeteroRandomLinkSplitOptions<N>,
): { train: HeteroLinkSplit<N>; val: HeteroLinkSplit<N>; test: HeteroLinkSplit<N> };
export function randomLinkSplit<N extends string>(
  graph: Graph | HeteroGraph<N>,
  options: RandomLinkSplitOptions | HeteroRandomLinkSplitOptions<N> = {},
): { train: LinkSplit; val: LinkSplit; test: LinkSplit } | { train: HeteroLinkSplit<N>; val: HeteroLinkSplit<N>; test: HeteroLinkSplit<N> } {
  negSamplingRatio(options);
  const seed = options.seed ?? nextSeed() ?? Math.floor(Math.random() * 2 ** 31);
  if (graph instanceof HeteroGraph) return heteroRandomLinkSplit(graph, options as HeteroRandomLinkSplitOptions<N>, seed);
  const ei = graph.edgeIndex.dataSync() as Int32Array;
  const e = graph.numEdges;
  const row = ei.subarray(0, e);
  const col = ei.subarray(e, 2 * e);
  const undirected = options.isUndirected ?? false;
  const p = partitionLinks(row, col, undirected, options, seededDraw(row, col, graph.numNodes, seed));
  const make = (messageEdges: number[], labelEdges: number[], negatives: [number[], number[]]): LinkSplit =>
    buildSplit(graph, row, col, messageEdges, labelEdges, negatives, undirected, options.splitLabels ?? false);
  return {
    train: make(p.trainEdges.slice(p.numDisjoint), p.numDisjoint > 0 ? p.trainEdges.slice(0, p.numDisjoint) : p.trainEdges, p.negatives.train),
    val: make(p.trainEdges, p.valEdges, p.negatives.val),
    test: make([...p.trainEdges, ...p.valEdges], p.testEdges, p.negatives.test),
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
