/**
 * Binary-classification metrics on scores and 0/1 labels, computed once here
 * for every task and report. Ties are handled as scikit-learn does: tied
 * scores form one threshold (one point of the ROC or precision-recall
 * curve), never an arbitrary order. Arguments they cannot measure are a
 * {@link MetricError} naming the argument.
 */
import { MetricError } from '../errors.js';

/** Scores with their labels (1 = positive, anything else = negative). */
type Scores = ArrayLike<number>;
type Labels = ArrayLike<number>;

/** One threshold: every example with this score, and the running totals down to it. */
interface Step {
  score: number;
  /** Examples with `score >= this.score`. */
  predicted: number;
  truePositives: number;
  /** Examples with exactly this score, and how many of them are positive. */
  size: number;
  positives: number;
}

/**
 * Distinct scores from the highest down, with cumulative counts (a ROC / PR
 * curve); `undefined` when a score is NaN (a diverged model: every metric is NaN).
 */
function steps(scores: Scores, labels: Labels): { steps: Step[]; positives: number } | undefined {
  const n = checkLengths(scores, labels);
  for (let i = 0; i < n; i++) if (Number.isNaN(scores[i])) return undefined;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareDescending(scores[a]!, scores[b]!));
  const out: Step[] = [];
  let predicted = 0;
  let truePositives = 0;
  for (let i = 0; i < n; ) {
    const score = scores[order[i]!]!;
    let size = 0;
    let positives = 0;
    for (; i < n && scores[order[i]!] === score; i++) {
      size += 1;
      if (labels[order[i]!] === 1) positives += 1;
    }
    predicted += size;
    truePositives += positives;
    out.push({ score, predicted, truePositives, size, positives });
  }
  return { steps: out, positives: truePositives };
}

function compareDescending(a: number, b: number): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

function checkLengths(scores: Scores, labels: Labels): number {
  if (scores.length !== labels.length) throw new MetricError('labels', `${labels.length} labels for ${scores.length} scores (one label per score)`);
  return scores.length;
}

/**
 * Area under the ROC curve, as `sklearn.metrics.roc_auc_score`: the
 * probability that a random positive scores above a random negative, ties
 * counting one half (Mann-Whitney U with mid-ranks). NaN when one class is
 * absent (scikit-learn raises) or a score is NaN (as every metric here).
 *
 * @example
 * ```ts
 * rocAuc([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0]); // 0.875
 * ```
 */
export function rocAuc(scores: Scores, labels: Labels): number {
  const sorted = steps(scores, labels);
  if (sorted === undefined) return NaN;
  const { steps: curve, positives } = sorted;
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  // Walking down the thresholds, each negative is beaten by the positives above
  // it and ties with the positives at its own score.
  let pairs = 0;
  let positivesAbove = 0;
  for (const s of curve) {
    const negativesHere = s.size - s.positives;
    pairs += negativesHere * (positivesAbove + s.positives / 2);
    positivesAbove += s.positives;
  }
  // Pairs count (positive above negative), from the negatives' side.
  return pairs / (positives * negatives);
}

/**
 * Average precision, as `sklearn.metrics.average_precision_score`:
 * `Σ (R_n − R_{n−1}) · P_n` over the distinct thresholds from the highest
 * score down (no interpolation). The usual "PR-AUC" of fraud detection. NaN
 * without positives.
 *
 * @example
 * ```ts
 * averagePrecision([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0]); // 0.5 + 0.5 · 2/3 = 0.8333
 * ```
 */
export function averagePrecision(scores: Scores, labels: Labels): number {
  const sorted = steps(scores, labels);
  if (sorted === undefined || sorted.positives === 0) return NaN;
  const { steps: curve, positives } = sorted;
  let ap = 0;
  let previousRecall = 0;
  for (const s of curve) {
    const recall = s.truePositives / positives;
    ap += (recall - previousRecall) * (s.truePositives / s.predicted);
    previousRecall = recall;
  }
  return ap;
}

/**
 * The largest recall over the thresholds whose precision is at least
 * `minPrecision` (0 when none reaches it; NaN without positives).
 *
 * @example
 * ```ts
 * recallAtPrecision([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 1], 0.75); // 1 (threshold 0.6: precision 3/4)
 * ```
 */
export function recallAtPrecision(scores: Scores, labels: Labels, minPrecision: number): number {
  const sorted = steps(scores, labels);
  if (sorted === undefined || sorted.positives === 0) return NaN;
  const { steps: curve, positives } = sorted;
  let best = 0;
  for (const s of curve) {
    if (s.truePositives / s.predicted >= minPrecision) best = Math.max(best, s.truePositives / positives);
  }
  return best;
}

/** What flagging the `k` highest-scored examples catches. */
export interface BudgetResult {
  /** Alerts raised: `min(k, n)`. */
  alerts: number;
  /** Positives among them (expected value when the cut-off splits a tie). */
  truePositives: number;
  /** `truePositives / positives` (NaN without positives). */
  recall: number;
  /** `truePositives / alerts` (NaN when no alert is raised). */
  precision: number;
}

/**
 * Recall and precision when only the `k` highest scores are flagged (an alert
 * budget). When the cut-off falls inside a group of tied scores, the alerts
 * left are drawn at random from the tie: the result is the expected value,
 * so it does not depend on the order of the input.
 *
 * @example
 * ```ts
 * atAlertBudget([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0], 2); // 1 sure + ½ of the tie: recall 0.75, precision 0.75
 * ```
 */
export function atAlertBudget(scores: Scores, labels: Labels, k: number): BudgetResult {
  if (!(Number.isInteger(k) && k >= 0)) throw new MetricError('k', `an alert budget must be an integer >= 0, got ${k}`);
  const sorted = steps(scores, labels);
  const alerts = Math.min(k, scores.length);
  if (sorted === undefined) return { alerts, truePositives: NaN, recall: NaN, precision: NaN };
  const { steps: curve, positives } = sorted;
  let taken = 0;
  let truePositives = 0;
  for (const s of curve) {
    if (taken >= alerts) break;
    const take = Math.min(s.size, alerts - taken);
    truePositives += (s.positives * take) / s.size;
    taken += take;
  }
  return {
    alerts,
    truePositives,
    recall: positives === 0 ? NaN : truePositives / positives,
    precision: alerts === 0 ? NaN : truePositives / alerts,
  };
}

/** An alert budget: a number of examples, or a fraction of them (`floor(fraction · n)`). */
export type AlertBudget = { top: number } | { fraction: number };

/**
 * The number of alerts a budget allows among `n` examples.
 *
 * @example
 * ```ts
 * budgetSize({ fraction: 0.01 }, 1050); // 10
 * ```
 */
export function budgetSize(budget: AlertBudget, n: number): number {
  if ('top' in budget) {
    if (!(Number.isInteger(budget.top) && budget.top >= 0)) throw new MetricError('alertBudget.top', `must be an integer >= 0, got ${budget.top}`);
    return budget.top;
  }
  if (!(budget.fraction >= 0 && budget.fraction <= 1)) throw new MetricError('alertBudget.fraction', `must be in [0, 1], got ${budget.fraction}`);
  return Math.floor(budget.fraction * n);
}

/**
 * F1 of predicting positive when `score >= threshold` (0 when there is
 * neither a positive nor a prediction, as scikit-learn's `zero_division`).
 *
 * @example
 * ```ts
 * f1AtThreshold([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0], 0.4); // tp 2, fp 1, fn 0: 0.8
 * ```
 */
export function f1AtThreshold(scores: Scores, labels: Labels, threshold: number): number {
  checkLengths(scores, labels);
  if (Array.prototype.some.call(scores, (v: number) => Number.isNaN(v))) return NaN;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i]! >= threshold;
    const positive = labels[i] === 1;
    if (predicted && positive) tp += 1;
    else if (predicted) fp += 1;
    else if (positive) fn += 1;
  }
  return f1(tp, fp, fn);
}

/**
 * The threshold (one of the scores) that maximises F1, and that F1; among
 * equal F1 the highest threshold (fewest alerts). NaN for no examples.
 *
 * @example
 * ```ts
 * bestF1Threshold(valScores, valLabels); // choose on validation, then f1AtThreshold(testScores, testLabels, threshold)
 * ```
 */
export function bestF1Threshold(scores: Scores, labels: Labels): { threshold: number; f1: number } {
  const sorted = steps(scores, labels);
  if (sorted === undefined) return { threshold: NaN, f1: NaN };
  const { steps: curve, positives } = sorted;
  let best = { threshold: NaN, f1: NaN };
  for (const s of curve) {
    const value = f1(s.truePositives, s.predicted - s.truePositives, positives - s.truePositives);
    if (!(value <= best.f1)) best = { threshold: s.score, f1: value };
  }
  return best;
}

function f1(tp: number, fp: number, fn: number): number {
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}
