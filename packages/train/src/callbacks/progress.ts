import type { Callback, EpochRecord, FitContext } from '../fit/types.js';

/**
 * A callback that hands each epoch's record to `report` (a progress bar, a
 * chart, a log line). `report` may be async (e.g. wait for the next frame).
 *
 * @example
 * ```ts
 * await fit(model, data, { ...setup, epochs: 200, callbacks: [progress((r) => console.log(r.epoch, r.loss))] });
 * ```
 */
export function progress<K extends string = string>(
  report: (record: EpochRecord<K>, context: FitContext<K>) => void | Promise<void>,
): Callback<K> {
  return { onEpochEnd: report };
}
