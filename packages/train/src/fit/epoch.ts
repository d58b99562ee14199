import * as tf from '@tensorflow/tfjs-core';
import type { Adam } from './adam.js';

/** What the loop needs from a model: a `Module` with a node-level `forward`. */
export interface NodeClassifier {
  train(mode?: boolean): unknown;
  eval(): unknown;
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor;
}

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
 * The tensors one epoch reads, prepared once: labels as int32 and each split
 * as int32 node indices (gathering rows is cheaper than masking every epoch).
 */
export interface TrainData {
  x: tf.Tensor2D;
  edgeIndex: tf.Tensor2D;
  y: tf.Tensor1D;
  trainIndex: tf.Tensor1D;
  valIndex: tf.Tensor1D;
  testIndex: tf.Tensor1D;
  numClasses: number;
  /** Frees the tensors made by {@link prepareData} (not the graph's own). */
  dispose(): void;
}

/** Accuracy and mean cross-entropy of each split, from one eval-mode forward. */
export interface EvalResult {
  trainAcc: number;
  valAcc: number;
  testAcc: number;
  trainLoss: number;
  valLoss: number;
  testLoss: number;
}

/**
 * Converts a graph's masks and labels into the index tensors an epoch uses.
 *
 * @example
 * ```ts
 * const data = await prepareData(graph, graph.numClasses);
 * ```
 */
export async function prepareData(graph: NodeClassificationGraph, numClasses: number): Promise<TrainData> {
  const toIndex = async (mask: tf.Tensor, name: string): Promise<tf.Tensor1D> => {
    const values = await mask.data();
    const idx: number[] = [];
    for (let i = 0; i < values.length; i++) if (values[i]) idx.push(i);
    if (idx.length === 0) throw new RangeError(`${name} selects no node`);
    return tf.tensor1d(idx, 'int32');
  };
  const trainIndex = await toIndex(graph.trainMask, 'trainMask');
  const valIndex = await toIndex(graph.valMask, 'valMask');
  const testIndex = await toIndex(graph.testMask, 'testMask');
  const y = tf.tidy(() => tf.reshape(tf.cast(graph.y, 'int32'), [-1])) as tf.Tensor1D;
  return {
    x: graph.x,
    edgeIndex: graph.edgeIndex,
    y,
    trainIndex,
    valIndex,
    testIndex,
    numClasses,
    dispose: () => tf.dispose([y, trainIndex, valIndex, testIndex]),
  };
}

/**
 * Mean negative log-likelihood of `log_softmax(logits)` over the rows in
 * `index`, as `F.cross_entropy(out[mask], y[mask])`. Idempotent for models
 * that already end in `log_softmax`.
 */
export function crossEntropy(logits: tf.Tensor, y: tf.Tensor1D, index: tf.Tensor1D, numClasses: number): tf.Scalar {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(tf.gather(logits as tf.Tensor2D, index));
    const target = tf.oneHot(tf.gather(y, index), numClasses);
    return tf.neg(tf.mean(tf.sum(tf.mul(logProbs, target), 1))) as tf.Scalar;
  });
}

/**
 * One training epoch as PyG's examples run it: `model.train()`, forward,
 * cross-entropy over the training nodes, backward, optimizer step. Returns the
 * training loss (the one read that synchronises with the backend).
 *
 * @example
 * ```ts
 * const loss = await trainEpoch(model, data, adam);
 * ```
 */
export async function trainEpoch(model: NodeClassifier, data: TrainData, optimizer: Adam): Promise<number> {
  model.train();
  const { value, grads } = tf.variableGrads(
    () => crossEntropy(model.forward(data.x, data.edgeIndex), data.y, data.trainIndex, data.numClasses),
    optimizer.variables(),
  );
  optimizer.step(grads);
  tf.dispose(Object.values(grads));
  const loss = (await value.data())[0] ?? NaN;
  value.dispose();
  return loss;
}

/**
 * Eval-mode forward (dropout off, no gradient tape) and each split's accuracy
 * and loss, read back in one transfer.
 *
 * @example
 * ```ts
 * const { valAcc, testAcc } = await evaluate(model, data);
 * ```
 */
export async function evaluate(model: NodeClassifier, data: TrainData): Promise<EvalResult> {
  model.eval();
  const stats = tf.tidy(() => {
    const logits = model.forward(data.x, data.edgeIndex);
    const pred = tf.argMax(logits, 1);
    const parts = [data.trainIndex, data.valIndex, data.testIndex].flatMap((index) => {
      const correct = tf.equal(tf.gather(pred, index), tf.gather(data.y, index));
      return [tf.mean(tf.cast(correct, 'float32')), crossEntropy(logits, data.y, index, data.numClasses)];
    });
    return tf.stack(parts);
  });
  const v = await stats.data();
  stats.dispose();
  const at = (i: number): number => v[i] ?? NaN;
  return { trainAcc: at(0), trainLoss: at(1), valAcc: at(2), valLoss: at(3), testAcc: at(4), testLoss: at(5) };
}
