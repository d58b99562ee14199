import { describe, expect, it } from 'vitest';
import {
  atAlertBudget,
  averagePrecision,
  bestF1Threshold,
  budgetSize,
  f1AtThreshold,
  recallAtPrecision,
  rocAuc,
} from './binary.js';
import { MetricError } from '../errors.js';
import reference from './testdata/sklearn_metrics.json' with { type: 'json' };

describe('binary metrics by hand, with ties', () => {
  // Scores 0.8 (x2, one positive) and 0.3 (x3, one positive) are tied groups.
  const scores = [0.9, 0.8, 0.8, 0.3, 0.3, 0.3, 0.1];
  const labels = [1, 1, 0, 1, 0, 0, 0];

  it('ROC-AUC counts a tied positive-negative pair as one half', () => {
    // 3 positives × 4 negatives = 12 pairs. 0.9 beats all 4; the 0.8 positive
    // beats 3 and ties 1 (½); the 0.3 positive beats 1 and ties 2 (1).
    expect(rocAuc(scores, labels)).toBeCloseTo((4 + 3.5 + 2) / 12, 15);
    // Any order of the input gives the same value.
    expect(rocAuc([...scores].reverse(), [...labels].reverse())).toBeCloseTo((4 + 3.5 + 2) / 12, 15);
    expect(rocAuc([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(rocAuc([0.2, 0.7], [1, 1])).toBeNaN();
  });

  it('average precision steps over distinct thresholds only', () => {
    // Thresholds 0.9: P 1/1, R 1/3; 0.8: P 2/3, R 2/3; 0.3: P 3/6, R 1; 0.1: R unchanged.
    expect(averagePrecision(scores, labels)).toBeCloseTo((1 / 3) * 1 + (1 / 3) * (2 / 3) + (1 / 3) * (3 / 6), 15);
    expect(averagePrecision([0.4, 0.4, 0.4], [1, 0, 0])).toBeCloseTo(1 / 3, 15);
    expect(averagePrecision([0.4, 0.1], [0, 0])).toBeNaN();
  });

  it('recall at a fixed precision', () => {
    expect(recallAtPrecision(scores, labels, 1)).toBeCloseTo(1 / 3, 15);
    expect(recallAtPrecision(scores, labels, 0.6)).toBeCloseTo(2 / 3, 15);
    expect(recallAtPrecision(scores, labels, 0.5)).toBe(1);
    expect(recallAtPrecision([0.9, 0.8], [0, 1], 0.9)).toBe(0);
  });

  it('recall at an alert budget takes the expected share of a tie at the cut-off', () => {
    // Top 2: 0.9 (positive) and one of the two tied 0.8 (half a positive).
    expect(atAlertBudget(scores, labels, 2)).toEqual({ alerts: 2, truePositives: 1.5, recall: 0.5, precision: 0.75 });
    // Top 4: 0.9, both 0.8, one of three tied 0.3 (a third of a positive).
    const four = atAlertBudget(scores, labels, 4);
    expect(four.truePositives).toBeCloseTo(2 + 1 / 3, 15);
    expect(four.recall).toBeCloseTo((2 + 1 / 3) / 3, 15);
    expect(atAlertBudget(scores, labels, 100)).toMatchObject({ alerts: 7, truePositives: 3, recall: 1 });
    expect(atAlertBudget(scores, labels, 0).precision).toBeNaN();
    expect(budgetSize({ fraction: 0.01 }, 1050)).toBe(10);
    expect(budgetSize({ top: 5 }, 3)).toBe(5);
    expect(() => atAlertBudget(scores, labels, 1.5)).toThrow(MetricError);
    expect(() => atAlertBudget(scores, labels, 1.5)).toThrow(/^k: an alert budget must be an integer >= 0, got 1\.5/);
    expect(() => budgetSize({ top: -2 }, 3)).toThrow(/^alertBudget\.top: /);
  });

  it('scores and labels of different lengths are a MetricError naming labels', () => {
    for (const metric of [rocAuc, averagePrecision, bestF1Threshold]) {
      expect(() => metric([0.9, 0.1], [1])).toThrow(MetricError);
      expect(() => metric([0.9, 0.1], [1])).toThrow(/^labels: 1 labels for 2 scores/);
    }
    expect(() => f1AtThreshold([0.9], [1, 0], 0.5)).toThrow(/^labels: /);
  });

  it('F1 at a threshold, and the best threshold (highest among equal F1)', () => {
    // score >= 0.8: tp 2, fp 1, fn 1 → 4/6.
    expect(f1AtThreshold(scores, labels, 0.8)).toBeCloseTo(4 / 6, 15);
    // Candidates: 0.9 → 2/4, 0.8 → 4/6, 0.3 → 6/9, 0.1 → 6/10: 0.8 and 0.3 tie, 0.8 wins.
    expect(bestF1Threshold(scores, labels)).toEqual({ threshold: 0.8, f1: 4 / 6 });
    expect(f1AtThreshold([0.1, 0.2], [0, 0], 0.5)).toBe(0);
  });

  it('a NaN score (a diverged model) makes every metric NaN instead of throwing', () => {
    expect(rocAuc([NaN, 0.5], [1, 0])).toBeNaN();
    expect(averagePrecision([NaN, 0.5], [1, 0])).toBeNaN();
    expect(bestF1Threshold([NaN, 0.5], [1, 0]).f1).toBeNaN();
    expect(f1AtThreshold([NaN, 0.5], [1, 0], 0.5)).toBeNaN();
    expect(atAlertBudget([NaN, 0.5], [1, 0], 1).recall).toBeNaN();
  });
});

describe.each(reference.cases.map((c, i) => [i, c] as const))('scikit-learn %s (many ties)', (_i, c) => {
  it('ROC-AUC and average precision equal roc_auc_score and average_precision_score', () => {
    expect(rocAuc(c.scores, c.labels)).toBeCloseTo(c.rocAuc, 12);
    expect(averagePrecision(c.scores, c.labels)).toBeCloseTo(c.averagePrecision, 12);
  });

  it('recall at precision, best F1 threshold and F1 at 0.5 equal precision_recall_curve / f1_score', () => {
    for (const [p, expected] of Object.entries(c.recallAtPrecision)) {
      expect(recallAtPrecision(c.scores, c.labels, Number(p)), `precision ${p}`).toBeCloseTo(expected, 12);
    }
    const best = bestF1Threshold(c.scores, c.labels);
    expect(best.threshold).toBe(c.bestF1.threshold);
    expect(best.f1).toBeCloseTo(c.bestF1.f1, 12);
    expect(f1AtThreshold(c.scores, c.labels, 0.5)).toBeCloseTo(c.f1AtHalf, 12);
  });
});
