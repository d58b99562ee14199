import { describe, expect, it } from 'vitest';
import { FitError } from '../errors.js';
import type { EpochRecord, FitContext } from '../fit/types.js';
import { EarlyStopping, gatPaperEarlyStopping } from './early_stopping.js';

/** Feeds validation values to a callback; returns the epoch at which it asked to stop. */
function stopsAt(callback: EarlyStopping, values: Array<{ accuracy: number; loss: number }>): number | undefined {
  let reason: string | undefined;
  const context = { stop: (r: string) => (reason ??= r), get stopRequested() { return reason !== undefined; } } as unknown as FitContext;
  callback.onFitStart();
  for (const [i, val] of values.entries()) {
    const record: EpochRecord = { epoch: i + 1, loss: 0, val, ms: 0 };
    callback.onEpochEnd(record, context);
    if (reason !== undefined) return i + 1;
  }
  return undefined;
}

const series = (pairs: Array<[number, number]>): Array<{ accuracy: number; loss: number }> => pairs.map(([accuracy, loss]) => ({ accuracy, loss }));

describe('EarlyStopping', () => {
  it('counts epochs without improvement of one metric, in either direction', () => {
    const values = series([[0.5, 1], [0.6, 0.9], [0.6, 0.95], [0.55, 0.8], [0.6, 0.85]]);
    expect(stopsAt(new EarlyStopping({ monitor: 'val.accuracy', mode: 'max', patience: 3 }), values)).toBe(5);
    expect(stopsAt(new EarlyStopping({ monitor: 'val.loss', mode: 'min', patience: 2 }), values)).toBeUndefined();
    expect(stopsAt(new EarlyStopping({ monitor: 'val.loss', mode: 'min', patience: 1 }), values)).toBe(3);
  });

  it("the GAT paper's rule: any of accuracy or loss improving resets the count", () => {
    // Epoch 3: loss worse, accuracy equal → wait 1; epoch 4: loss better → 0; epoch 5, 6: neither.
    const values = series([[0.5, 1], [0.6, 0.9], [0.6, 0.95], [0.55, 0.8], [0.6, 0.85], [0.58, 0.81]]);
    expect(stopsAt(gatPaperEarlyStopping(2), values)).toBe(6);
    expect(stopsAt(gatPaperEarlyStopping(3), values)).toBeUndefined();
  });

  it('minDelta: changes no larger than it are no improvement; NaN never improves', () => {
    const values = series([[0.5, 1], [0.505, 0.99], [0.509, 0.98]]);
    expect(stopsAt(new EarlyStopping({ monitor: 'val.accuracy', mode: 'max', patience: 2, minDelta: 0.01 }), values)).toBe(3);
    expect(stopsAt(new EarlyStopping({ monitor: 'val.loss', mode: 'min', patience: 2 }), series([[0.5, 1], [0.5, NaN], [0.5, NaN]]))).toBe(3);
  });

  it('rejects a bad patience, mode or monitor', () => {
    expect(() => new EarlyStopping({ monitor: 'val.loss', mode: 'min', patience: 0 })).toThrow(FitError);
    expect(() => new EarlyStopping({ monitor: 'val.loss', mode: 'lowest' as 'min', patience: 2 })).toThrow(/mode must be 'min' or 'max'/);
    expect(() => stopsAt(new EarlyStopping({ monitor: 'valid.loss' as 'val.loss', mode: 'min', patience: 2 }), series([[1, 1]]))).toThrow(
      /must be '<train\|val\|test>\.<metric>'/,
    );
  });
});
