import { FitError } from '../errors.js';
import type { Callback, EpochRecord, FitContext } from '../fit/types.js';
import type { Monitor } from '../tasks/task.js';
import { BestTracker } from './monitor.js';

/** Options of {@link EarlyStopping}: one monitor, or several (`anyOf`: any one improving resets the count). */
export type EarlyStoppingOptions<K extends string = string> = {
  /** Epochs in a row without improvement after which training stops. */
  patience: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
} & (Monitor<K> | { anyOf: ReadonlyArray<Monitor<K>> });

/**
 * Stops training once the monitored metric has not improved for `patience`
 * epochs in a row (Lightning's and Keras's `EarlyStopping`). With `anyOf`,
 * an epoch counts as an improvement when any of the metrics improved, which
 * expresses the GAT paper's rule ({@link gatPaperEarlyStopping}). NaN values
 * never improve.
 *
 * @example
 * ```ts
 * callbacks: [new EarlyStopping({ monitor: 'val.prAuc', mode: 'max', patience: 20 })]
 * ```
 */
export class EarlyStopping<K extends string = string> implements Callback<K> {
  readonly patience: number;
  private readonly monitors: ReadonlyArray<Monitor<K>>;
  private readonly minDelta: number;
  private trackers: BestTracker[] = [];
  private sinceImprovement = 0;

  constructor(options: EarlyStoppingOptions<K>) {
    if (!(Number.isInteger(options.patience) && options.patience >= 1)) {
      throw new FitError(`EarlyStopping: patience must be an integer >= 1, got ${options.patience}`);
    }
    this.patience = options.patience;
    this.minDelta = options.minDelta ?? 0;
    this.monitors = 'anyOf' in options ? options.anyOf : [{ monitor: options.monitor, mode: options.mode }];
    if (this.monitors.length === 0) throw new FitError('EarlyStopping: anyOf lists no monitor');
    this.onFitStart();
  }

  /** Epochs since the last improvement. */
  get wait(): number {
    return this.sinceImprovement;
  }

  onFitStart(): void {
    this.trackers = this.monitors.map((m) => new BestTracker(m, this.minDelta));
    this.sinceImprovement = 0;
  }

  onEpochEnd(record: EpochRecord<K>, context: FitContext<K>): void {
    // Update every tracker (no short-circuit): each keeps its own best.
    const improved = this.trackers.map((t) => t.update(record)).some(Boolean);
    this.sinceImprovement = improved ? 0 : this.sinceImprovement + 1;
    if (this.sinceImprovement >= this.patience) {
      const names = this.monitors.map((m) => m.monitor).join(' or ');
      context.stop(`no better ${names} for ${this.patience} epochs`);
    }
  }
}

/**
 * The GAT paper's early stopping (Veličković et al. 2018): stop once neither
 * the validation accuracy rose nor the validation loss fell for `patience`
 * epochs (the paper uses 100). What `gnnjs train --patience` runs.
 *
 * @example
 * ```ts
 * callbacks: [gatPaperEarlyStopping(100)]
 * ```
 */
export function gatPaperEarlyStopping(patience: number): EarlyStopping<'accuracy' | 'loss'> {
  return new EarlyStopping({
    anyOf: [
      { monitor: 'val.accuracy', mode: 'max' },
      { monitor: 'val.loss', mode: 'min' },
    ],
    patience,
  });
}
