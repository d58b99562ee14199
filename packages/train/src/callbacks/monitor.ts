import { FitError } from '../errors.js';
import type { EpochRecord } from '../fit/types.js';
import { parseMonitorKey, type Monitor, type MonitorKey, type MonitorMode } from '../tasks/task.js';

/**
 * The value of `'val.accuracy'` (say) in a record; `undefined` when the split
 * was not evaluated. Throws {@link FitError} for a malformed key, or for a
 * metric the evaluated split does not report (a typo would otherwise never
 * trigger).
 */
export function monitoredValue(record: EpochRecord, key: MonitorKey): number | undefined {
  const parsed = parseMonitorKey(key);
  if (parsed === undefined) throw new FitError(`monitor '${key}' must be '<train|val|test>.<metric>', e.g. 'val.loss'`);
  const metrics = record[parsed.split];
  if (metrics === undefined) return undefined;
  if (!(parsed.metric in metrics)) {
    throw new FitError(`monitor '${key}': the task reports no metric '${parsed.metric}' (it reports ${Object.keys(metrics).join(', ')})`);
  }
  return metrics[parsed.metric];
}

/** Whether `value` improves on `best` by more than `minDelta` (NaN never improves; anything improves on NaN/undefined). */
export function improves(value: number, best: number | undefined, mode: MonitorMode, minDelta = 0): boolean {
  if (Number.isNaN(value)) return false;
  if (best === undefined || Number.isNaN(best)) return true;
  return mode === 'max' ? value > best + minDelta : value < best - minDelta;
}

/** Tracks the best value of one monitor over epochs. */
export class BestTracker {
  private value: number | undefined;
  epoch: number | undefined;

  constructor(readonly monitor: Monitor, private readonly minDelta = 0) {
    if (monitor.mode !== 'min' && monitor.mode !== 'max') throw new FitError(`monitor '${monitor.monitor}': mode must be 'min' or 'max'`);
    if (!(minDelta >= 0)) throw new FitError(`minDelta must be >= 0, got ${minDelta}`);
  }

  /** The best value so far (`undefined` before any). */
  get best(): number | undefined {
    return this.value;
  }

  /**
   * Feeds one record; true when it improved on the best. A record whose split
   * was not evaluated throws: the monitor would never see a value.
   */
  update(record: EpochRecord): boolean {
    const value = monitoredValue(record, this.monitor.monitor);
    if (value === undefined) {
      throw new FitError(`monitor '${this.monitor.monitor}': that split is not evaluated (give fit its data, or list it in 'evaluate')`);
    }
    if (!improves(value, this.value, this.monitor.mode, this.minDelta)) return false;
    this.value = value;
    this.epoch = record.epoch;
    return true;
  }
}
