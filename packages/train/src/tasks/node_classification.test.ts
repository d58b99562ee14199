import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FitError } from '../errors.js';
import { NodeClassificationTask } from './node_classification.js';
import type { Collected } from './task.js';

// Four rows, three classes; rows 0 and 3 are predicted right.
const LOGITS = [
  [2, 0, 0],
  [0, 1, 3],
  [1, 2, 0],
  [0, 0, 5],
];
const LABELS = [0, 1, 0, 2];
const logSoftmaxRow = (row: number[], c: number): number => row[c]! - Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
const nll = (i: number): number => -logSoftmaxRow(LOGITS[i]!, LABELS[i]!);

function read(collected: Record<string, tf.Tensor>): Collected {
  return Object.fromEntries(Object.entries(collected).map(([k, t]) => [k, Float32Array.from(t.dataSync())]));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('NodeClassificationTask', () => {
  const task = new NodeClassificationTask({ numClasses: 3 });

  it('selects rows by index, by a mask, by batchSize, or all, with the same numbers', () => {
    const out = tf.tensor2d(LOGITS);
    const y = tf.tensor1d(LABELS, 'int32');
    const batches = {
      index: { y, trainIndex: tf.tensor1d([0, 1], 'int32') },
      mask: { y, trainMask: tf.tensor1d([true, true, false, false], 'bool') },
      first: { y, batchSize: 2, trainMask: tf.tensor1d([false, false, true, true], 'bool') },
    };
    for (const [kind, batch] of Object.entries(batches)) {
      expect(task.loss(out, batch, 'train').dataSync()[0], kind).toBeCloseTo((nll(0) + nll(1)) / 2, 5);
      const m = task.metrics({ train: [read(task.collect(out, batch, 'train'))] }).train!;
      expect(m.accuracy, kind).toBe(0.5);
      expect(m.loss, kind).toBeCloseTo((nll(0) + nll(1)) / 2, 5);
    }
    const all = new NodeClassificationTask({ rows: 'all' });
    expect(all.loss(out, { y }, 'val').dataSync()[0]).toBeCloseTo([0, 1, 2, 3].reduce((s, i) => s + nll(i), 0) / 4, 5);
    expect(task.examples(batches.index, 'train')).toBe(2);
    expect(task.examples(batches.first, 'train')).toBe(2);
    expect(task.examples(batches.mask, 'train')).toBeUndefined();
    tf.dispose([out, y, ...Object.values(batches).flatMap((b) => Object.values(b).filter((v) => v instanceof tf.Tensor) as tf.Tensor[])]);
  });

  it('combines several batches weighted by their row counts', () => {
    const m = task.metrics({
      val: [
        { accuracy: Float32Array.of(1), loss: Float32Array.of(0.5), count: Float32Array.of(1) },
        { accuracy: Float32Array.of(0.25), loss: Float32Array.of(2), count: Float32Array.of(4) },
        { accuracy: Float32Array.of(NaN), loss: Float32Array.of(NaN), count: Float32Array.of(0) },
      ],
    }).val!;
    expect(m.accuracy).toBeCloseTo(2 / 5, 12);
    expect(m.loss).toBeCloseTo(8.5 / 5, 12);
  });

  it('names what is missing: labels, split rows, a wrong output width', () => {
    const out = tf.tensor2d(LOGITS);
    expect(() => task.loss(out, {}, 'train')).toThrow(FitError);
    expect(() => task.loss(out, { y: tf.tensor1d(LABELS, 'int32') }, 'train')).toThrow(/no 'trainIndex', 'batchSize' or 'trainMask'/);
    expect(() => new NodeClassificationTask({ numClasses: 4, rows: 'all' }).loss(out, { y: tf.tensor1d(LABELS, 'int32') }, 'train')).toThrow(
      /output has 3 columns but numClasses is 4/,
    );
    out.dispose();
  });

  it('refuses a selected label outside [0, classes), as F.cross_entropy does; unselected rows may hold -1', async () => {
    const out = tf.tensor2d(LOGITS);
    const all = new NodeClassificationTask({ rows: 'all' });
    const outside = tf.tensor1d([0, 1, 3, 2], 'int32'); // 3 would be an all-zero one-hot row: no loss, never right
    await all.checkBatch({ y: outside }, 'train'); // no numClasses: the output's 3 columns bound it, in the loss
    expect(() => all.loss(out, { y: outside }, 'train')).toThrow(/label 3 of row 2 is not a class index in \[0, 3\)/);
    await expect(task.checkBatch({ y: outside, trainIndex: tf.tensor1d([2], 'int32') }, 'train')).rejects.toThrow(/label 3 of row 2 .* \[0, 3\)/);
    await expect(all.checkBatch({ y: tf.tensor1d([0, 1, 0.5, 2]) }, 'val')).rejects.toThrow(FitError);
    const unlabelled = tf.tensor1d([0, -1, 0, 2], 'int32');
    const mask = tf.tensor1d([true, false, true, true], 'bool');
    await task.checkBatch({ y: unlabelled, trainMask: mask }, 'train');
    const loss = task.loss(out, { y: unlabelled, trainMask: mask }, 'train');
    expect(loss.dataSync()[0]).toBeCloseTo((nll(0) + nll(2) + nll(3)) / 3, 5);
    await expect(task.checkBatch({ y: unlabelled, trainMask: tf.tensor1d([true, true, false, false], 'bool') }, 'train')).rejects.toThrow(/label -1 of row 1/);
    tf.dispose([out, outside, unlabelled, mask, loss]);
  });
});
