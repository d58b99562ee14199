/**
 * The datasets the page trains on, kept as plain arrays (for drawing and the
 * attention explorer) plus a way to make fresh tensors on the active backend
 * for each run.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '@gnnjs/core';
import { DatasetError, KarateClub, NormalizeFeatures, Planetoid, applyTransform, planetoidToGraph, type PlanetoidData } from '@gnnjs/datasets';
import type { NodeClassificationGraph } from '@gnnjs/train';

export const DATASET_CHOICES = ['karate', 'cora'] as const;
export type DatasetChoice = (typeof DATASET_CHOICES)[number];

/** A training graph made for one run; `dispose()` frees every tensor of it. */
export interface RunGraph extends NodeClassificationGraph {
  dispose(): void;
}

/** A loaded dataset: what the page draws, and a factory for the tensors a run trains on. */
export interface PlaygroundDataset {
  name: DatasetChoice;
  title: string;
  numNodes: number;
  numFeatures: number;
  numClasses: number;
  /** Directed edges `sources[e] → targets[e]`, as the model reads them. */
  sources: Int32Array;
  targets: Int32Array;
  labels: Int32Array;
  trainMask: Uint8Array;
  /** Fresh tensors (row-normalised features, as PyG's examples) on the active backend. */
  makeGraph(): RunGraph;
}

/**
 * Loads a dataset. Cora's raw Planetoid files come from `planetoidUrl`, a
 * folder URL (absolute, or relative to the page) serving `ind.cora.*`.
 *
 * @example
 * ```ts
 * const karate = await loadDataset('karate');
 * const cora = await loadDataset('cora', { planetoidUrl: 'data/planetoid/' });
 * ```
 */
export async function loadDataset(name: DatasetChoice, options: { planetoidUrl?: string } = {}): Promise<PlaygroundDataset> {
  if (name === 'karate') return loadKarate();
  const mirror = new URL(options.planetoidUrl ?? 'data/planetoid/', document.baseURI).href;
  let data: PlanetoidData;
  try {
    data = await Planetoid.loadData('Cora', { mirror, cache: false, onProgress: () => undefined });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DatasetError(`Cora could not be loaded from ${mirror}: ${message}`);
  }
  return {
    name,
    title: 'Cora (Planetoid, public split)',
    numNodes: data.numNodes,
    numFeatures: data.numFeatures,
    numClasses: data.numClasses,
    sources: data.edgeIndex.subarray(0, data.numEdges),
    targets: data.edgeIndex.subarray(data.numEdges),
    labels: data.y,
    trainMask: data.trainMask,
    makeGraph: () => toRunGraph(applyTransform(new NormalizeFeatures(), planetoidToGraph(data))),
  };
}

async function loadKarate(): Promise<PlaygroundDataset> {
  const graph = KarateClub.load();
  try {
    const [edges, labels, trainMask] = await Promise.all([graph.edgeIndex.data(), graph.y!.data(), graph.trainMask!.data()]);
    const numEdges = graph.numEdges;
    return {
      name: 'karate',
      title: "Zachary's karate club",
      numNodes: graph.numNodes,
      numFeatures: graph.numFeatures,
      numClasses: graph.numClasses ?? 4,
      sources: Int32Array.from(edges.subarray(0, numEdges)),
      targets: Int32Array.from(edges.subarray(numEdges)),
      labels: Int32Array.from(labels),
      trainMask: Uint8Array.from(trainMask),
      makeGraph: () => toRunGraph(KarateClub.load({ transform: new NormalizeFeatures() })),
    };
  } finally {
    graph.dispose();
  }
}

/**
 * The karate club has only a training mask (one node per class): its other
 * 30 nodes serve as validation and test set, as in `gnnjs train`.
 */
function toRunGraph(graph: Graph): RunGraph {
  const { x, y, trainMask } = graph;
  if (x === undefined || y === undefined || trainMask === undefined) {
    graph.dispose();
    throw new DatasetError('the dataset lacks node features, labels or a training mask');
  }
  const rest = graph.valMask === undefined || graph.testMask === undefined ? (tf.tidy(() => tf.logicalNot(tf.cast(trainMask, 'bool'))) as tf.Tensor1D) : undefined;
  return {
    x,
    edgeIndex: graph.edgeIndex,
    y,
    trainMask,
    valMask: graph.valMask ?? rest!,
    testMask: graph.testMask ?? rest!,
    dispose: () => {
      rest?.dispose();
      graph.dispose();
    },
  };
}
