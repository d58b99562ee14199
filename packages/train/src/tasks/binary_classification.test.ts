import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { averagePrecision, rocAuc } from '../metrics/binary.js';
import { FitError, MetricError } from '../errors.js';
import { BinaryClassificationTask } from './binary_classification.js';
import type { BinaryLoss } from './binary_losses.js';
import type { Collected } from './task.js';
import reference from './testdata/torch_binary_losses.json' with { type: 'json' };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function lossOf(loss: BinaryLoss, output: number[] | number[][]): number {
  return tf.tidy(() => {
    const task = new BinaryClassificationTask({ loss, rows: 'all' });
    const out = Array.isArray(output[0]) ? tf.tensor2d(output as number[][]) : tf.tensor1d(output as number[]);
    return task.loss(out, { y: tf.tensor1d(reference.labels, 'int32') }, 'train').dataSync()[0]!;
  });
}

describe('BinaryClassificationTask losses match torch (float32 against float64)', () => {
  const cases: Array<[string, BinaryLoss, number[] | number[][], number]> = [
    ['one logit, cross-entropy', { kind: 'cross-entropy' }, reference.logit, reference.logit_ce],
    ['one logit, class weights', { kind: 'cross-entropy', classWeights: [0.3, 2.5] }, reference.logit, reference.logit_ce_weighted],
    ['one logit, balanced', { kind: 'cross-entropy', classWeights: 'balanced' }, reference.logit, reference.logit_ce_balanced],
    ['one logit, focal γ 2 α 0.25', { kind: 'focal' }, reference.logit, reference.logit_focal],
    ['one logit, focal γ 1 without α', { kind: 'focal', gamma: 1, alpha: null }, reference.logit, reference.logit_focal_g1_noalpha],
    ['two logits, cross-entropy', { kind: 'cross-entropy' }, reference.two, reference.two_ce],
    ['two logits, class weights', { kind: 'cross-entropy', classWeights: [0.3, 2.5] }, reference.two, reference.two_ce_weighted],
    ['two logits, focal', { kind: 'focal' }, reference.two, reference.two_focal],
  ];
  it.each(cases)('%s', (_name, loss, output, expected) => {
    expect(lossOf(loss, output)).toBeCloseTo(expected, 5);
  });

  it('rejects bad loss options and output shapes with a FitError', () => {
    expect(() => new BinaryClassificationTask({ loss: { kind: 'cross-entropy', classWeights: [0, 0] } })).toThrow(FitError);
    expect(() => new BinaryClassificationTask({ loss: { kind: 'focal', alpha: 2 } })).toThrow(/alpha/);
    expect(() => new BinaryClassificationTask({ loss: { kind: 'hinge' } as unknown as BinaryLoss })).toThrow(/unknown loss kind "hinge"/);
    expect(() => lossOf({ kind: 'cross-entropy' }, [[1, 2, 3]])).toThrow(/\[rows\], \[rows, 1\] \(a logit\) or \[rows, 2\]/);
  });

  it('refuses a label that is not 0 or 1 (it would silently count as 0)', async () => {
    const task = new BinaryClassificationTask({ rows: 'all' });
    const y = tf.tensor1d([0, 2, 1], 'int32');
    await expect(task.checkBatch({ y }, 'train')).rejects.toThrow(/label 2 of row 1 is not a class index in \[0, 2\)/);
    y.dispose();
  });

  it('rejects a minPrecision or an alert budget it could never measure, when built (not after the first epoch)', () => {
    expect(() => new BinaryClassificationTask({ minPrecision: 90 })).toThrow(FitError);
    expect(() => new BinaryClassificationTask({ minPrecision: 90 })).toThrow(/minPrecision must be in \[0, 1\], got 90/);
    expect(() => new BinaryClassificationTask({ minPrecision: NaN })).toThrow(FitError);
    expect(() => new BinaryClassificationTask({ alertBudget: { top: -1 } })).toThrow(MetricError);
    expect(() => new BinaryClassificationTask({ alertBudget: { top: 2.5 } })).toThrow(/^alertBudget\.top: must be an integer >= 0, got 2\.5/);
    expect(() => new BinaryClassificationTask({ alertBudget: { fraction: 5 } })).toThrow(/^alertBudget\.fraction: /);
  });
});

describe('BinaryClassificationTask metrics', () => {
  it('scores every split, with F1 at the threshold chosen on validation', () => {
    const task = new BinaryClassificationTask({ alertBudget: { top: 2 }, minPrecision: 0.6 });
    // Validation: best F1 at threshold 0.6 (tp 2, fp 1, fn 0 → 0.8).
    const val: Collected = {
      scores: Float32Array.of(0.9, 0.6, 0.6, 0.2),
      labels: Float32Array.of(1, 1, 0, 0),
      lossSum: Float32Array.of(2),
      weightSum: Float32Array.of(4),
    };
    // Test, in two batches; the second masks out its last row.
    const test: Collected[] = [
      { scores: Float32Array.of(0.7, 0.5), labels: Float32Array.of(1, 0), lossSum: Float32Array.of(1), weightSum: Float32Array.of(2) },
      { scores: Float32Array.of(0.65, 0.1, 0.99), labels: Float32Array.of(0, 1, 1), keep: Float32Array.of(1, 1, 0), lossSum: Float32Array.of(3), weightSum: Float32Array.of(2) },
    ];
    const m = task.metrics({ val: [val], test });
    expect(m.val).toMatchObject({ loss: 0.5, threshold: Math.fround(0.6), f1: 0.8, recallAtBudget: 0.75, precisionAtBudget: 0.75 });
    expect(m.val!.rocAuc).toBeCloseTo(rocAuc([0.9, 0.6, 0.6, 0.2], [1, 1, 0, 0]), 12);
    // Test rows kept: 0.7 (1), 0.5 (0), 0.65 (0), 0.1 (1); at 0.6: tp 1, fp 1, fn 1.
    expect(m.test!.f1).toBeCloseTo(0.5, 12);
    expect(m.test!.threshold).toBe(Math.fround(0.6));
    expect(m.test!.loss).toBe(1);
    expect(m.test!.prAuc).toBeCloseTo(averagePrecision([0.7, 0.5, 0.65, 0.1], [1, 0, 0, 1]), 12);
    // Without validation the threshold is 0.5.
    expect(task.metrics({ test }).test!.threshold).toBe(0.5);
  });

  it('collects scores as probabilities of the positive class', () => {
    const task = new BinaryClassificationTask();
    const c = tf.tidy(() => {
      const out = task.collect(tf.tensor2d([[0], [2]]), { y: tf.tensor1d([0, 1]), valIndex: tf.tensor1d([1, 0], 'int32') }, 'val');
      return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, Array.from(t.dataSync())]));
    });
    expect(c['scores']![0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(c['scores']![1]).toBeCloseTo(0.5, 6);
    expect(c['labels']).toEqual([1, 0]);
  });
});
