import type * as tf from '@tensorflow/tfjs-core';
import { asStateful, copyWeights, disposeWeights, restoreWeights, type Stateful } from '../callbacks/weights_copy.js';
import { FitError } from '../errors.js';
import type { Callback, EpochRecord, FitContext, FitResult } from '../fit/types.js';
import type { NodeClassificationMetric } from '../tasks/node_classification.js';

type K = NodeClassificationMetric;

/**
 * The GAT paper's training protocol (Veličković et al. 2018; `execute_cora.py`
 * of the authors' code), one callback for `fit`: after each epoch,
 *
 * - if the validation accuracy is at least its highest so far **or** the
 *   validation loss at most its lowest so far, the patience count restarts,
 *   and if **both** hold, the epoch's weights are kept;
 * - otherwise the count grows, and training stops when it reaches `patience`;
 * - when `fit` ends, the model gets the kept weights back (the paper restores
 *   its checkpoint before testing), so its test accuracy is that epoch's.
 *
 * Ties count (`>=`, `<=`, as in the paper's code): a validation accuracy that
 * equals its best restarts the count. NaN never does. The copy is freed when
 * `fit` ends or fails.
 *
 * @example
 * ```ts
 * const protocol = new GatPaperProtocol({ patience: 100 });
 * const result = await fit(model, fullBatch(data), { ...setup, epochs: 10_000, callbacks: [protocol] });
 * result.history[protocol.bestEpoch! - 1]!.test?.accuracy; // the restored model's test accuracy
 * ```
 */
export class GatPaperProtocol implements Callback<K> {
  readonly patience: number;
  /** Epoch of the weights kept, and restored when `fit` ends (undefined before the first epoch). */
  bestEpoch: number | undefined;
  private maxAccuracy = 0;
  private minLoss = Infinity;
  private sinceImprovement = 0;
  private snapshot: Map<string, tf.Tensor> | undefined;

  constructor(options: { patience?: number } = {}) {
    const patience = options.patience ?? 100;
    if (!(Number.isInteger(patience) && patience >= 1)) {
      throw new FitError(`GatPaperProtocol: patience must be an integer >= 1, got ${patience}`);
    }
    this.patience = patience;
  }

  onFitStart(context: FitContext<K>): void {
    stateful(context.model);
    this.release();
    this.maxAccuracy = 0;
    this.minLoss = Infinity;
    this.sinceImprovement = 0;
    this.bestEpoch = undefined;
  }

  onEpochEnd(record: EpochRecord<K>, context: FitContext<K>): void {
    const accuracy = record.val?.accuracy;
    const loss = record.val?.loss;
    if (accuracy === undefined || loss === undefined) {
      throw new FitError('GatPaperProtocol: the validation split is not evaluated (give fit a val split)');
    }
    const accuracyHolds = accuracy >= this.maxAccuracy;
    const lossHolds = loss <= this.minLoss;
    if (!(accuracyHolds || lossHolds)) {
      this.sinceImprovement++;
      if (this.sinceImprovement >= this.patience) {
        context.stop(`neither val accuracy rose nor val loss fell (ties count) for ${this.patience} epochs`);
      }
      return;
    }
    if (accuracyHolds && lossHolds) this.keep(stateful(context.model), record.epoch);
    this.maxAccuracy = Math.max(this.maxAccuracy, accuracy);
    this.minLoss = Math.min(this.minLoss, loss);
    this.sinceImprovement = 0;
  }

  onFitEnd(_result: FitResult<K>, context: FitContext<K>): void {
    if (this.snapshot !== undefined) restoreWeights(stateful(context.model), this.snapshot);
    this.release();
  }

  onFitError(): void {
    this.release();
  }

  private keep(model: Stateful, epoch: number): void {
    this.release();
    this.snapshot = copyWeights(model);
    this.bestEpoch = epoch;
  }

  private release(): void {
    disposeWeights(this.snapshot);
    this.snapshot = undefined;
  }
}

const stateful = (model: unknown): Stateful => asStateful(model, 'GatPaperProtocol');
