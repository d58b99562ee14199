import * as tf from '@tensorflow/tfjs-core';
import { FitError } from '../errors.js';

/** A node-classification graph as the datasets give it (masks are boolean `[N]`). */
export interface NodeClassificationGraph {
  x: tf.Tensor2D;
  edgeIndex: tf.Tensor2D;
  y: tf.Tensor;
  trainMask: tf.Tensor;
  valMask: tf.Tensor;
  testMask: tf.Tensor;
}

/**
 * A full graph ready for {@link NodeClassificationTask}: labels as int32 and
 * each split as int32 node indices, made once (gathering rows is cheaper than
 * masking every epoch, and it is what `gnnjs train` reports).
 */
export interface NodeSplits {
  x: tf.Tensor2D;
  edgeIndex: tf.Tensor2D;
  y: tf.Tensor1D;
  trainIndex: tf.Tensor1D;
  valIndex: tf.Tensor1D;
  testIndex: tf.Tensor1D;
  /** Frees the tensors made by {@link prepareNodeSplits} (not the graph's own). */
  dispose(): void;
}

/**
 * Converts a graph's masks and labels into the index tensors an epoch uses.
 * Throws {@link FitError} naming the mask when a split selects no node.
 *
 * @example
 * ```ts
 * const data = await prepareNodeSplits(graph);
 * await fit(model, fullBatch(data), { task: new NodeClassificationTask(), optimizer, epochs: 200, forward });
 * data.dispose();
 * ```
 */
export async function prepareNodeSplits(graph: NodeClassificationGraph): Promise<NodeSplits> {
  const made: tf.Tensor[] = [];
  const toIndex = async (mask: tf.Tensor, name: string): Promise<tf.Tensor1D> => {
    const values = await mask.data();
    const idx: number[] = [];
    for (let i = 0; i < values.length; i++) if (values[i]) idx.push(i);
    if (idx.length === 0) throw new FitError(`${name} selects no node`);
    const t = tf.tensor1d(idx, 'int32');
    made.push(t);
    return t;
  };
  try {
    const trainIndex = await toIndex(graph.trainMask, 'trainMask');
    const valIndex = await toIndex(graph.valMask, 'valMask');
    const testIndex = await toIndex(graph.testMask, 'testMask');
    const y = tf.tidy(() => tf.reshape(tf.cast(graph.y, 'int32'), [-1])) as tf.Tensor1D;
    made.push(y);
    return { x: graph.x, edgeIndex: graph.edgeIndex, y, trainIndex, valIndex, testIndex, dispose: () => tf.dispose(made) };
  } catch (error) {
    tf.dispose(made);
    throw error;
  }
}
