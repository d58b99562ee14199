/**
 * One training run of a fraud / churn model on the payments snapshots:
 * `fit` over temporal mini-batches with early stopping on validation PR-AUC
 * and the best epoch's weights restored, then validation and test metrics
 * of those weights (the threshold of F1 chosen on validation).
 */
import { manualSeed } from '@gnnjs/core';
import {
  BestCheckpoint,
  EarlyStopping,
  buildFraudModel,
  buildFraudOptimizer,
  buildFraudTask,
  evaluate,
  fit,
  fraudForward,
  progress,
  type BinaryClassificationMetric,
  type EpochRecord,
  type FraudHyperParameters,
  type FraudModel,
  type FraudModelName,
  type Metrics,
} from '@gnnjs/train';
import { samplingOptions, splitSource } from './batches.js';
import type { PaymentsData } from './data.js';

export type BinaryMetrics = Metrics<BinaryClassificationMetric>;

/** What a run reports. */
export interface PaymentsRunMetrics {
  seed: number;
  /** The epoch whose weights were kept (best validation PR-AUC). */
  bestEpoch: number;
  epochs: number;
  stoppedEarly: boolean;
  val: BinaryMetrics;
  test: BinaryMetrics;
  /** Mean training-step time per epoch in ms (epoch 1 left out). */
  msPerEpoch: number;
}

/** A run's model (best weights) and metrics; the caller disposes the model. */
export interface PaymentsRun {
  model: FraudModel;
  metrics: PaymentsRunMetrics;
  history: Array<EpochRecord<BinaryClassificationMetric>>;
}

/** Builds the model of a run (seeded) for the data's widths. */
export function buildPaymentsModel(data: PaymentsData, model: FraudModelName, hp: FraudHyperParameters, seed: number): FraudModel {
  manualSeed(seed);
  return buildFraudModel({ model, metadata: data.metadata, targetType: data.targetType, hyperParameters: hp }).materialize(data.widths);
}

/** Trains `model` with `seed`; `onEpoch` sees each epoch's record. */
export async function trainPaymentsRun(
  data: PaymentsData,
  modelName: FraudModelName,
  hp: FraudHyperParameters,
  seed: number,
  onEpoch?: (record: EpochRecord<BinaryClassificationMetric>) => void,
): Promise<PaymentsRun> {
  const model = buildPaymentsModel(data, modelName, hp, seed);
  const optimizer = buildFraudOptimizer(hp, model);
  const task = buildFraudTask(hp);
  const sampling = samplingOptions(hp, model.usesGraph, seed);
  try {
    const train = splitSource(data, 'train', { ...sampling, negativeRate: hp.negativeRate });
    const val = splitSource(data, 'val', sampling);
    const best = new BestCheckpoint({ monitor: 'val.prAuc', mode: 'max', restoreBest: true });
    const result = await fit(model, { train, val }, {
      task,
      optimizer,
      epochs: hp.epochs,
      forward: fraudForward,
      evaluate: ['val'],
      // progress last: onEpoch sees the epoch after the best weights were copied (a flat tensor count from epoch 1).
      callbacks: [new EarlyStopping({ monitor: 'val.prAuc', mode: 'max', patience: hp.patience }), best, progress((r) => onEpoch?.(r))],
    });
    const final = await evaluate(model, { val: val(), test: splitSource(data, 'test', sampling)() }, { task, forward: fraudForward });
    return {
      model,
      history: result.history,
      metrics: {
        seed,
        bestEpoch: best.bestEpoch ?? result.bestEpoch,
        epochs: result.history.length,
        stoppedEarly: result.stoppedEarly,
        val: final.val!,
        test: final.test!,
        msPerEpoch: result.msPerEpoch,
      },
    };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
}
