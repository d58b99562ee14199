import type * as tf from '@tensorflow/tfjs-core';
import { FitError } from '../errors.js';
import type { RowSelection } from './rows.js';

// Per labels tensor, the row selections already checked: full-batch training
// reads its labels back once, a loader once per batch. Rows outside the
// selection are not checked, since datasets mark unlabelled nodes with -1.
const checked = new WeakMap<tf.Tensor, Set<unknown>>();

function selectionKey(rows: RowSelection): unknown {
  switch (rows.kind) {
    case 'index':
      return rows.index;
    case 'mask':
      return rows.mask;
    case 'first':
      return `first ${rows.count}`;
    case 'all':
      return 'all';
  }
}

function selectedRows(rows: RowSelection, n: number): Iterable<number> {
  switch (rows.kind) {
    case 'index':
      return rows.index.dataSync();
    case 'mask': {
      const mask = rows.mask.dataSync();
      const out: number[] = [];
      for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(i);
      return out;
    }
    case 'first':
      return Array.from({ length: Math.min(rows.count, n) }, (_, i) => i);
    case 'all':
      return Array.from({ length: n }, (_, i) => i);
  }
}

/**
 * Checks that every selected label is an integer in `[0, numClasses)`, as
 * `F.cross_entropy` does: one outside it would otherwise become an all-zero
 * one-hot row (no loss, never correct) or, for a binary task, a silent 0.
 * Throws a {@link FitError} naming the row, the value and the task.
 *
 * @example
 * ```ts
 * assertClassLabels(tf.tensor1d([0, 2, 7], 'int32'), { kind: 'all' }, 7, 'node classification');
 * // FitError: node classification: label 7 of row 2 is not a class index in [0, 7) ...
 * ```
 */
export function assertClassLabels(labels: tf.Tensor, rows: RowSelection, numClasses: number, task: string): void {
  const key = selectionKey(rows);
  let seen = checked.get(labels);
  if (seen?.has(key) === true) return;
  const y = labels.dataSync();
  for (const row of selectedRows(rows, y.length)) {
    const value = y[row];
    if (value === undefined) continue; // a row beyond the labels: the output's shape check names it
    if (!(Number.isInteger(value) && value >= 0 && value < numClasses)) {
      throw new FitError(
        `${task}: label ${value} of row ${row} is not a class index in [0, ${numClasses}) ` +
          `(the model's output has ${numClasses} columns); give unlabelled rows no place in the split, or fix the labels`,
      );
    }
  }
  if (seen === undefined) checked.set(labels, (seen = new Set()));
  seen.add(key);
}
