import * as tf from '@tensorflow/tfjs-core';
import { FitError } from '../errors.js';
import type { SplitName } from './task.js';

/**
 * Which output rows belong to a split in one batch:
 * - `index`: these rows (int32 `[k]`), e.g. a full graph's `trainIndex`;
 * - `first`: rows `0..count-1`, PyG's convention for sampled mini-batches
 *   (seed nodes first, `out[:batch_size]`);
 * - `mask`: rows where the `[N]` mask is true (losses and metrics are
 *   mask-weighted means, so nothing has to be read back first);
 * - `all`: every row (each batch is all of the split, e.g. graph-level tasks).
 */
export type RowSelection =
  | { kind: 'index'; index: tf.Tensor1D }
  | { kind: 'first'; count: number }
  | { kind: 'mask'; mask: tf.Tensor }
  | { kind: 'all' };

/** How a task finds a split's rows in a batch; see {@link defaultRows}. */
export type RowSelector<B> = (batch: B, split: SplitName) => RowSelection;

/** How a task finds the labels of a batch; default: `batch.y`. */
export type LabelSelector<B> = (batch: B) => tf.Tensor;

/**
 * The rows of `split` in a batch, found by the field names PyG uses:
 * `<split>Index` (int32 node ids, as {@link prepareNodeSplits} makes), else
 * `batchSize` (a sampled mini-batch: its seed nodes come first), else
 * `<split>Mask` (a boolean mask). Throws {@link FitError} when the batch has
 * none of them: evaluating every row instead would be a silent wrong answer.
 *
 * @example
 * ```ts
 * defaultRows(graph, 'val'); // { kind: 'mask', mask: graph.valMask }
 * ```
 */
export function defaultRows(batch: unknown, split: SplitName): RowSelection {
  const record = (typeof batch === 'object' && batch !== null ? batch : {}) as Record<string, unknown>;
  const index = record[`${split}Index`];
  if (index instanceof tf.Tensor) return { kind: 'index', index: index as tf.Tensor1D };
  if (typeof record['batchSize'] === 'number') return { kind: 'first', count: record['batchSize'] };
  const mask = record[`${split}Mask`];
  if (mask instanceof tf.Tensor) return { kind: 'mask', mask };
  throw new FitError(
    `the batch has no '${split}Index', 'batchSize' or '${split}Mask' to tell which rows belong to the ${split} split; ` +
      `pass the task a 'rows' option (e.g. rows: 'all')`,
  );
}

/**
 * `batch.y`, or a {@link FitError} naming the field.
 *
 * @example
 * ```ts
 * new NodeClassificationTask({ labels: (b: HeteroBatch) => b.node('paper').y ?? defaultLabels(b) });
 * ```
 */
export function defaultLabels(batch: unknown): tf.Tensor {
  const y = (typeof batch === 'object' && batch !== null ? (batch as Record<string, unknown>)['y'] : undefined);
  if (y instanceof tf.Tensor) return y;
  throw new FitError("the batch has no labels 'y' (a tensor); pass the task a 'labels' option that returns them");
}

/** The task option `rows` resolved to a selector. */
export function rowSelector<B>(rows: 'auto' | 'all' | RowSelector<B> | undefined): RowSelector<B> {
  if (rows === undefined || rows === 'auto') return defaultRows;
  if (rows === 'all') return () => ({ kind: 'all' });
  return rows;
}

/** The selected rows of `t` (for `mask`, every row: reduce with {@link selectedMean}). */
export function takeRows(t: tf.Tensor, rows: RowSelection): tf.Tensor {
  if (rows.kind === 'index') return tf.gather(t, rows.index);
  if (rows.kind === 'first') return tf.slice(t, 0, rows.count);
  return t;
}

/** Mean of per-row values `v` (already passed through {@link takeRows}). */
export function selectedMean(v: tf.Tensor, rows: RowSelection): tf.Scalar {
  if (rows.kind !== 'mask') return tf.mean(v);
  const w = tf.cast(tf.reshape(rows.mask, [-1]), 'float32');
  return tf.div(tf.sum(tf.mul(v, w)), tf.sum(w));
}

/** Number of selected rows when known from shapes alone (not for `mask` and `all`). */
export function selectedCount(rows: RowSelection): number | undefined {
  if (rows.kind === 'index') return rows.index.shape[0];
  if (rows.kind === 'first') return rows.count;
  return undefined;
}
