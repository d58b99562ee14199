import type * as tf from '@tensorflow/tfjs-core';
import { FitError } from '../errors.js';
import type { RowSelection } from './rows.js';

// Per labels tensor and row selection, the largest selected label once it was
// checked: full-batch training reads its labels back once, a loader once per
// batch. Rows outside the selection are not checked, since datasets mark
// unlabelled nodes with -1. Read back asynchronously, before the step and not
// inside the gradient tape: backends such as webgpu cannot read synchronously
// in Node. The bound a model's output sets is compared later, in the loss,
// from the remembered maximum (no read back there).
const checked = new WeakMap<tf.Tensor, Map<unknown, number>>();

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

async function selectedRows(rows: RowSelection, n: number): Promise<Iterable<number>> {
  switch (rows.kind) {
    case 'index':
      return rows.index.data();
    case 'mask': {
      const mask = await rows.mask.data();
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

function outOfRange(task: string, value: number, row: number, numClasses: number | undefined): FitError {
  const range = numClasses === undefined ? 'a class index (an integer >= 0)' : `a class index in [0, ${numClasses})`;
  return new FitError(`${task}: label ${value} of row ${row} is not ${range}; give unlabelled rows no place in the split, or fix the labels`);
}

/**
 * Checks that every selected label is an integer in `[0, numClasses)` (`>= 0`
 * when the number of classes is not known yet), as `F.cross_entropy` does: a
 * label outside it would otherwise become an all-zero one-hot row (no loss,
 * never correct) or, for a binary task, a silent 0. Rejects with a
 * {@link FitError} naming the row, the value and the task, and remembers the
 * largest label for {@link assertCheckedLabelsBelow}.
 *
 * @example
 * ```ts
 * await assertClassLabels(tf.tensor1d([0, 2, 7], 'int32'), { kind: 'all' }, 7, 'node classification');
 * // FitError: node classification: label 7 of row 2 is not a class index in [0, 7); ...
 * ```
 */
export async function assertClassLabels(labels: tf.Tensor, rows: RowSelection, numClasses: number | undefined, task: string): Promise<void> {
  const key = selectionKey(rows);
  if (checked.get(labels)?.has(key) === true) return;
  const y = await labels.data();
  let max = -1;
  let maxRow = -1;
  for (const row of await selectedRows(rows, y.length)) {
    const value = y[row];
    if (value === undefined) continue; // a row beyond the labels: the output's shape check names it
    if (!(Number.isInteger(value) && value >= 0 && (numClasses === undefined || value < numClasses))) throw outOfRange(task, value, row, numClasses);
    if (value > max) [max, maxRow] = [value, row];
  }
  let seen = checked.get(labels);
  if (seen === undefined) checked.set(labels, (seen = new Map()));
  seen.set(key, max * 2 ** 32 + maxRow); // both in one number: the label, then its row
}

/**
 * Throws when labels already checked by {@link assertClassLabels} for these
 * rows hold one `>= numClasses` (the columns of the model's output); reads
 * nothing back, so it may run inside the gradient tape. Unchecked labels pass.
 *
 * @example
 * ```ts
 * assertCheckedLabelsBelow(y, rows, logits.shape[1], 'node classification');
 * ```
 */
export function assertCheckedLabelsBelow(labels: tf.Tensor, rows: RowSelection, numClasses: number, task: string): void {
  const packed = checked.get(labels)?.get(selectionKey(rows));
  if (packed === undefined) return;
  const max = Math.floor(packed / 2 ** 32);
  if (max >= numClasses) throw outOfRange(task, max, packed - max * 2 ** 32, numClasses);
}
