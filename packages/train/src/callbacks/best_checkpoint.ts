import type * as tf from '@tensorflow/tfjs-core';
import type { Callback, EpochRecord, FitContext, FitResult } from '../fit/types.js';
import type { MonitorKey, MonitorMode } from '../tasks/task.js';
import { BestTracker } from './monitor.js';
import { asStateful, copyWeights, disposeWeights, restoreWeights, type Stateful } from './weights_copy.js';

export type { Stateful } from './weights_copy.js';

/** Options of {@link BestCheckpoint}. */
export interface BestCheckpointOptions<K extends string = string> {
  monitor: MonitorKey<K>;
  mode: MonitorMode;
  /** Load the best epoch's weights back into the model when `fit` ends (default false). */
  restoreBest?: boolean;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /**
   * Called after each improvement with the model at its new best, e.g. to
   * write it to disk (`saveCheckpoint` of `@gnnjs/train/node`).
   */
  onImprove?: (model: Stateful, record: EpochRecord<K>) => void | Promise<void>;
}

/**
 * Keeps a copy of the weights of the best epoch by a monitored metric
 * (Lightning's `ModelCheckpoint`, Keras's `restore_best_weights`), in memory
 * so that it works in the browser too; with `restoreBest` the model ends
 * `fit` with those weights. The copy is freed when `fit` ends or fails.
 *
 * @example
 * ```ts
 * const best = new BestCheckpoint({ monitor: 'val.loss', mode: 'min', restoreBest: true,
 *   onImprove: (model, record) => saveCheckpoint('best', model, { meta: { epoch: record.epoch } }) });
 * await fit(model, data, { ...setup, epochs: 500, callbacks: [gatPaperEarlyStopping(100), best] });
 * best.bestEpoch; // the model now holds that epoch's weights
 * ```
 */
export class BestCheckpoint<K extends string = string> implements Callback<K> {
  private readonly options: BestCheckpointOptions<K>;
  private tracker: BestTracker;
  private snapshot: Map<string, tf.Tensor> | undefined;
  /** Epoch of the weights kept (undefined before the first epoch). */
  bestEpoch: number | undefined;
  /** Whether the last `fit` ended with the best weights loaded back. */
  restored = false;

  constructor(options: BestCheckpointOptions<K>) {
    this.options = options;
    this.tracker = new BestTracker({ monitor: options.monitor, mode: options.mode }, options.minDelta ?? 0);
  }

  /** The monitored value at the best epoch. */
  get bestValue(): number | undefined {
    return this.tracker.best;
  }

  onFitStart(context: FitContext<K>): void {
    stateful(context.model);
    this.release();
    this.tracker = new BestTracker(this.tracker.monitor, this.options.minDelta ?? 0);
    this.bestEpoch = undefined;
    this.restored = false;
  }

  async onEpochEnd(record: EpochRecord<K>, context: FitContext<K>): Promise<void> {
    if (!this.tracker.update(record)) return;
    const model = stateful(context.model);
    this.release();
    this.snapshot = copyWeights(model);
    this.bestEpoch = record.epoch;
    await this.options.onImprove?.(model, record);
  }

  onFitEnd(_result: FitResult<K>, context: FitContext<K>): void {
    if (this.options.restoreBest && this.snapshot !== undefined) {
      restoreWeights(stateful(context.model), this.snapshot);
      this.restored = true;
    }
    this.release();
  }

  onFitError(): void {
    this.release();
  }

  private release(): void {
    disposeWeights(this.snapshot);
    this.snapshot = undefined;
  }
}

const stateful = (model: unknown): Stateful => asStateful(model, 'BestCheckpoint');
