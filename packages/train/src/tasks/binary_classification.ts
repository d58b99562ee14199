import * as tf from '@tensorflow/tfjs-core';
import { FitError } from '../errors.js';
import {
  atAlertBudget,
  averagePrecision,
  bestF1Threshold,
  budgetSize,
  f1AtThreshold,
  recallAtPrecision,
  rocAuc,
  type AlertBudget,
} from '../metrics/binary.js';
import { assertClassLabels } from './label_check.js';
import { binaryLogProbs, binaryLossTerms, checkBinaryLoss, type BinaryLoss } from './binary_losses.js';
import { defaultLabels, rowSelector, selectedCount, takeRows, type LabelSelector, type RowSelection, type RowSelector } from './rows.js';
import { SPLIT_NAMES, type CollectedSplits, type Metrics, type Monitor, type SplitName, type Task } from './task.js';

/** Metrics of {@link BinaryClassificationTask}. */
export type BinaryClassificationMetric =
  | 'loss'
  | 'rocAuc'
  | 'prAuc'
  | 'recallAtPrecision'
  | 'recallAtBudget'
  | 'precisionAtBudget'
  | 'f1'
  | 'threshold';

/** Options of {@link BinaryClassificationTask}. */
export interface BinaryClassificationOptions<B> {
  /** Default: unweighted cross-entropy. */
  loss?: BinaryLoss;
  /** The precision `recallAtPrecision` must keep; default 0.9. */
  minPrecision?: number;
  /** The alert budget of `recallAtBudget`/`precisionAtBudget`; default `{ fraction: 0.01 }` (1 % of the split). */
  alertBudget?: AlertBudget;
  /** Which rows of a batch belong to a split; as {@link NodeClassificationOptions.rows}. */
  rows?: 'auto' | 'all' | RowSelector<B>;
  /** 0/1 label of each row; default `batch.y`. */
  labels?: LabelSelector<B>;
}

/**
 * Binary classification with a rare positive class (fraud, churn): the model
 * outputs one logit per row (`[N]` or `[N, 1]`) or two (`[N, 2]`); the score
 * is the positive class's probability. Loss: class-weighted cross-entropy or
 * focal loss ({@link BinaryLoss}). Metrics per split: `loss`, `rocAuc`,
 * `prAuc` (average precision, as scikit-learn's `average_precision_score`),
 * `recallAtPrecision`, `recallAtBudget` and `precisionAtBudget` (the top-k
 * scores flagged), and `f1` at a `threshold` chosen on validation (the
 * threshold that maximises validation F1 is applied to every split of that
 * epoch; 0.5 when validation is not evaluated). `fit` picks the first epoch
 * with the best validation PR-AUC.
 *
 * @example
 * ```ts
 * const task = new BinaryClassificationTask({ loss: { kind: 'focal', gamma: 2 }, alertBudget: { fraction: 0.01 } });
 * const result = await fit(model, { train: loader, val: valLoader, test: testLoader }, { task, optimizer, epochs: 50 });
 * result.best.test?.prAuc;
 * ```
 */
export class BinaryClassificationTask<B = unknown> implements Task<B, BinaryClassificationMetric> {
  readonly name = 'binary classification';
  readonly monitor: Monitor<BinaryClassificationMetric> = { monitor: 'val.prAuc', mode: 'max' };
  private readonly lossOption: BinaryLoss;
  private readonly minPrecision: number;
  private readonly budget: AlertBudget;
  private readonly rows: RowSelector<B>;
  private readonly labels: LabelSelector<B>;

  constructor(options: BinaryClassificationOptions<B> = {}) {
    this.lossOption = options.loss ?? { kind: 'cross-entropy' };
    checkBinaryLoss(this.lossOption, this.name);
    this.minPrecision = options.minPrecision ?? 0.9;
    // A percentage (90 for 0.9) would make recallAtPrecision 0 at every epoch, silently.
    if (!(this.minPrecision >= 0 && this.minPrecision <= 1)) throw new FitError(`${this.name}: minPrecision must be in [0, 1], got ${this.minPrecision}`);
    this.budget = options.alertBudget ?? { fraction: 0.01 };
    budgetSize(this.budget, 0); // checks the budget now, not after the first epoch
    this.rows = rowSelector(options.rows);
    this.labels = options.labels ?? defaultLabels;
  }

  loss(output: tf.Tensor, batch: B, split: SplitName): tf.Scalar {
    return tf.tidy(() => {
      const { terms, weights } = this.lossTerms(output, batch, this.rows(batch, split));
      return tf.div(tf.sum(terms), tf.sum(weights));
    });
  }

  /** The split's labels are 0 or 1. */
  async checkBatch(batch: B, split: SplitName): Promise<void> {
    await assertClassLabels(this.labels(batch), this.rows(batch, split), 2, this.name);
  }

  examples(batch: B, split: SplitName): number | undefined {
    return selectedCount(this.rows(batch, split));
  }

  collect(output: tf.Tensor, batch: B, split: SplitName): Record<string, tf.Tensor> {
    const rows = this.rows(batch, split);
    const { logP1 } = binaryLogProbs(takeRows(output, rows), this.name);
    const { terms, weights } = this.lossTerms(output, batch, rows);
    return {
      scores: tf.exp(logP1),
      labels: takeRows(this.binaryLabels(batch), rows),
      ...(rows.kind === 'mask' ? { keep: tf.reshape(rows.mask, [-1]) } : {}),
      lossSum: tf.sum(terms),
      weightSum: tf.sum(weights),
    };
  }

  metrics(collected: CollectedSplits): Partial<Record<SplitName, Metrics<BinaryClassificationMetric>>> {
    const gathered = new Map<SplitName, { scores: number[]; labels: number[]; loss: number }>();
    for (const split of SPLIT_NAMES) {
      const batches = collected[split];
      if (batches === undefined || batches.length === 0) continue;
      const scores: number[] = [];
      const labels: number[] = [];
      let lossSum = 0;
      let weightSum = 0;
      for (const b of batches) {
        const s = b['scores']!;
        const l = b['labels']!;
        const keep = b['keep'];
        for (let i = 0; i < s.length; i++) {
          if (keep !== undefined && !keep[i]) continue;
          scores.push(s[i]!);
          labels.push(l[i]!);
        }
        lossSum += b['lossSum']![0]!;
        weightSum += b['weightSum']![0]!;
      }
      gathered.set(split, { scores, labels, loss: lossSum / weightSum });
    }
    const val = gathered.get('val');
    const threshold = val === undefined ? 0.5 : bestF1Threshold(val.scores, val.labels).threshold;
    const out: Partial<Record<SplitName, Metrics<BinaryClassificationMetric>>> = {};
    for (const [split, { scores, labels, loss }] of gathered) {
      const budget = atAlertBudget(scores, labels, budgetSize(this.budget, scores.length));
      out[split] = {
        loss,
        rocAuc: rocAuc(scores, labels),
        prAuc: averagePrecision(scores, labels),
        recallAtPrecision: recallAtPrecision(scores, labels, this.minPrecision),
        recallAtBudget: budget.recall,
        precisionAtBudget: budget.precision,
        f1: f1AtThreshold(scores, labels, threshold),
        threshold,
      };
    }
    return out;
  }

  private lossTerms(output: tf.Tensor, batch: B, rows: RowSelection): { terms: tf.Tensor1D; weights: tf.Tensor1D } {
    const { logP0, logP1 } = binaryLogProbs(takeRows(output, rows), this.name);
    const y = takeRows(this.binaryLabels(batch), rows) as tf.Tensor1D;
    const keep = (rows.kind === 'mask' ? tf.cast(tf.reshape(rows.mask, [-1]), 'float32') : tf.onesLike(y)) as tf.Tensor1D;
    return binaryLossTerms(this.lossOption, logP0, logP1, y, keep);
  }

  /** Labels as float32 0/1 `[N]`. */
  private binaryLabels(batch: B): tf.Tensor1D {
    const y = this.labels(batch);
    return tf.cast(tf.equal(tf.reshape(y, [-1]), 1), 'float32') as tf.Tensor1D;
  }
}
