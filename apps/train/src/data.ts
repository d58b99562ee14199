import * as tf from '@tensorflow/tfjs-core';
import { loadPlanetoidData } from '@gnnjs/datasets';
import type { DatasetName } from './lib/config.js';
import type { NodeClassificationGraph } from './lib/train_loop.js';

/** A dataset as tensors, ready for training; `dispose()` frees them. */
export interface LoadedGraph extends NodeClassificationGraph {
  numNodes: number;
  numEdges: number;
  numFeatures: number;
  numClasses: number;
  /** Whether `x` was row-normalised (PyG's `NormalizeFeatures`). */
  normalizedFeatures: boolean;
  dispose(): void;
}

/** Where to find a dataset and how to preprocess it. */
export interface LoadGraphOptions {
  root?: string;
  mirror?: string;
  /** Row-normalise features as PyG's examples do (default `true`). */
  normalizeFeatures?: boolean;
  /** Progress and notes for people (stderr). */
  log?: ((line: string) => void) | undefined;
}

const PLANETOID: Record<Exclude<DatasetName, 'karate'>, string> = { cora: 'Cora', citeseer: 'CiteSeer', pubmed: 'PubMed' };

/**
 * Loads a dataset with the public split and, like PyG's examples,
 * `NormalizeFeatures` (each row of `x` divided by its sum).
 */
export async function loadGraph(name: DatasetName, options: LoadGraphOptions = {}): Promise<LoadedGraph> {
  const normalize = options.normalizeFeatures ?? true;
  if (name === 'karate') return loadKarate(normalize);
  const raw = await loadPlanetoidData(PLANETOID[name], {
    ...(options.root === undefined ? {} : { root: options.root }),
    ...(options.mirror === undefined ? {} : { mirror: options.mirror }),
  });
  const x = normalize ? normalizeRows(raw.x, raw.numNodes, raw.numFeatures) : raw.x;
  return fromArrays({
    numNodes: raw.numNodes,
    numFeatures: raw.numFeatures,
    numClasses: raw.numClasses,
    x,
    edgeIndex: raw.edgeIndex,
    y: raw.y,
    trainMask: raw.trainMask,
    valMask: raw.valMask,
    testMask: raw.testMask,
    normalizedFeatures: normalize,
  });
}

/** One line about the data, e.g. `cora: 2708 nodes, 10556 edges, 1433 features, 7 classes (140/500/1000)`. */
export function describeGraph(name: string, g: LoadedGraph): string {
  return `${name}: ${g.numNodes} nodes, ${g.numEdges} edges, ${g.numFeatures} features, ${g.numClasses} classes`;
}

interface GraphArrays {
  numNodes: number;
  numFeatures: number;
  numClasses: number;
  x: Float32Array;
  edgeIndex: Int32Array;
  y: Int32Array;
  trainMask: Uint8Array;
  valMask: Uint8Array;
  testMask: Uint8Array;
  normalizedFeatures: boolean;
}

function fromArrays(a: GraphArrays): LoadedGraph {
  const numEdges = a.edgeIndex.length / 2;
  const tensors = {
    x: tf.tensor2d(a.x, [a.numNodes, a.numFeatures], 'float32'),
    edgeIndex: tf.tensor2d(a.edgeIndex, [2, numEdges], 'int32'),
    y: tf.tensor1d(a.y, 'int32'),
    trainMask: tf.tensor1d(a.trainMask, 'bool'),
    valMask: tf.tensor1d(a.valMask, 'bool'),
    testMask: tf.tensor1d(a.testMask, 'bool'),
  };
  return {
    ...tensors,
    numNodes: a.numNodes,
    numEdges,
    numFeatures: a.numFeatures,
    numClasses: a.numClasses,
    normalizedFeatures: a.normalizedFeatures,
    dispose: () => tf.dispose(Object.values(tensors)),
  };
}

/**
 * PyG's `NormalizeFeatures`: `x - x.min()`, then each row divided by its sum
 * clamped to at least 1 (all-zero rows stay zero).
 */
export function normalizeRows(x: Float32Array, rows: number, cols: number): Float32Array {
  let min = Infinity;
  for (const v of x) if (v < min) min = v;
  if (!Number.isFinite(min)) min = 0;
  const out = new Float32Array(x.length);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += x[r * cols + c]! - min;
    const denom = Math.max(sum, 1);
    for (let c = 0; c < cols; c++) out[r * cols + c] = (x[r * cols + c]! - min) / denom;
  }
  return out;
}

async function loadKarate(_normalize: boolean): Promise<LoadedGraph> {
  throw new Error('karate: not wired yet');
}
