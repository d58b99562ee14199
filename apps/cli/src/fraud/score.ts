/**
 * Scores of every target row of a split, each on the temporal neighbourhood
 * evaluation gives it (the same batches, hence the same scores, as the
 * metrics of `gnnjs train`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FraudHyperParameters, FraudModel } from '@gnnjs/train';
import { samplingOptions, splitSource } from './batches.js';
import type { PaymentsData, SplitKey } from './data.js';

/** A split's rows with their scores and labels, in the loader's order. */
export interface SplitScores {
  ids: Int32Array;
  scores: Float32Array;
  labels: Float32Array;
}

/** sigmoid(logit) of every target row of `split` (eval mode). */
export async function scoreSplit(data: PaymentsData, model: FraudModel, hp: FraudHyperParameters, split: SplitKey): Promise<SplitScores> {
  const snapshot = data.splits[split];
  const n = snapshot.index.length;
  const ids = new Int32Array(n);
  const scores = new Float32Array(n);
  let at = 0;
  model.train(false);
  for await (const batch of splitSource(data, split, samplingOptions(hp, model.usesGraph, 0))()) {
    const seeds = batch.sampled.nId[data.targetType]!.subarray(0, batch.batchSize);
    const s = tf.tidy(() => tf.sigmoid(tf.slice(model.forward(batch.xDict, batch.edgeIndexDict), [0], [batch.batchSize])));
    scores.set(s.dataSync(), at);
    s.dispose();
    ids.set(seeds, at);
    at += batch.batchSize;
  }
  const labels = Float32Array.from(ids, (i) => snapshot.labels[i]!);
  return { ids, scores, labels };
}

/** Positions of the `k` highest scores, highest first (ties: lower id first). */
export function topK(s: SplitScores, k: number): number[] {
  const order = Array.from(s.ids.keys()).sort((a, b) => s.scores[b]! - s.scores[a]! || s.ids[a]! - s.ids[b]!);
  return order.slice(0, k);
}
