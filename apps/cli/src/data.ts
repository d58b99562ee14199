import * as tf from '@tensorflow/tfjs-core';
import type { GraphWith } from '@gnnjs/core';
import { KarateClub, NormalizeFeatures, Planetoid } from '@gnnjs/datasets';
import type { DatasetName, NodeClassificationGraph } from '@gnnjs/train';

/** A dataset as tensors, ready for training; `dispose()` frees them. */
export interface LoadedGraph extends NodeClassificationGraph {
  numNodes: number;
  numEdges: number;
  numFeatures: number;
  numClasses: number;
  /**
   * Whether `x` is row-normalised as PyG's `NormalizeFeatures` leaves it (every
   * row sums to 1, or is all zero): measured on `x`, so it records what the
   * model trains on, not what was asked for.
   */
  normalizedFeatures: boolean;
  dispose(): void;
}

/** Where to find a dataset and how to preprocess it. */
export interface LoadGraphOptions {
  root?: string;
  mirror?: string;
  /** Row-normalise features as PyG's examples do (default `true`). */
  normalizeFeatures?: boolean;
}

const PLANETOID: Record<Exclude<DatasetName, 'karate'>, string> = { cora: 'Cora', citeseer: 'CiteSeer', pubmed: 'PubMed' };

/**
 * Loads a dataset with its public split and, like PyG's examples,
 * `NormalizeFeatures`. The karate club has only a training mask (one node
 * per class); its other 30 nodes serve as both validation and test set.
 */
export async function loadGraph(name: DatasetName, options: LoadGraphOptions = {}): Promise<LoadedGraph> {
  const normalize = options.normalizeFeatures ?? true;
  const transform = normalize ? new NormalizeFeatures() : undefined;
  const graph =
    name === 'karate'
      ? KarateClub.load({ transform })
      : await Planetoid.load(PLANETOID[name], {
          transform,
          ...(options.root === undefined ? {} : { root: options.root }),
          ...(options.mirror === undefined ? {} : { mirror: options.mirror }),
          // A cache that cannot be written does not stop the run: one line, then the run goes on.
          onWarning: (warning) => process.stderr.write(`gnnjs: warning: ${warning.message}\n`),
        });
  try {
    return toLoadedGraph(graph, await rowsNormalised(graph.x));
  } catch (err) {
    graph.dispose();
    throw err;
  }
}

/** One line about the data, e.g. `cora: 2708 nodes, 10556 edges, 1433 features, 7 classes`. */
export function describeGraph(name: string, g: LoadedGraph): string {
  return `${name}: ${g.numNodes} nodes, ${g.numEdges} edges, ${g.numFeatures} features, ${g.numClasses} classes`;
}

/** Whether every row of `x` sums to 1 (within float32 rounding) or is all zero. */
async function rowsNormalised(x: tf.Tensor2D): Promise<boolean> {
  const sums = tf.sum(x, 1);
  try {
    return (await sums.data()).every((s) => s === 0 || Math.abs(s - 1) <= 1e-4);
  } finally {
    sums.dispose();
  }
}

/** What every built-in dataset has (the karate club has no validation or test mask). */
type TrainableGraph = GraphWith<'x' | 'y' | 'trainMask' | 'numClasses'>;

function toLoadedGraph(graph: TrainableGraph, normalizedFeatures: boolean): LoadedGraph {
  const { x, y, trainMask, numClasses } = graph;
  // Made here, so freed here; the graph's own tensors go with graph.dispose().
  const made: tf.Tensor[] = [];
  const rest = (): tf.Tensor1D => {
    const t = tf.tidy(() => tf.logicalNot(tf.cast(trainMask, 'bool'))) as tf.Tensor1D;
    made.push(t);
    return t;
  };
  const valMask = graph.valMask ?? rest();
  const testMask = graph.testMask ?? rest();
  return {
    x,
    edgeIndex: graph.edgeIndex,
    y,
    trainMask,
    valMask,
    testMask,
    numNodes: graph.numNodes,
    numEdges: graph.numEdges,
    numFeatures: graph.numFeatures,
    numClasses,
    normalizedFeatures,
    dispose: () => {
      tf.dispose(made);
      graph.dispose();
    },
  };
}
