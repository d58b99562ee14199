import type * as tf from '@tensorflow/tfjs-core';

/** The three splits `fit` knows. */
export type SplitName = 'train' | 'val' | 'test';

/** The splits in the order `fit` evaluates them (validation before test: a test metric may use a threshold chosen on validation). */
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'val', 'test'];

/** One split's metrics, by name (e.g. `{ accuracy: 0.81, loss: 0.62 }`). */
export type Metrics<K extends string = string> = { readonly [P in K]: number };

/** A metric of a split, as callbacks name it: `'val.accuracy'`, `'val.loss'`, `'test.prAuc'`. */
export type MonitorKey<K extends string = string> = `${SplitName}.${K}`;

/** Whether larger (`'max'`) or smaller (`'min'`) values of a monitored metric are better. */
export type MonitorMode = 'min' | 'max';

/** A metric and its direction. */
export interface Monitor<K extends string = string> {
  monitor: MonitorKey<K>;
  mode: MonitorMode;
}

/** The values one evaluation batch gave back, read from the backend in one transfer. */
export type Collected = Readonly<Record<string, Float32Array>>;

/** Everything collected for each evaluated split, batch by batch. */
export type CollectedSplits = Partial<Record<SplitName, readonly Collected[]>>;

/**
 * What is learnt and how it is measured: the loss `fit` minimises and the
 * metrics it reports, for batches of type `B`, with metric names `K`.
 *
 * A task never runs the model: `fit` runs `forward(model, batch)` and hands
 * the output here. Evaluation is split in two so that a metric can need every
 * batch at once (ROC-AUC) while the backend is read only once per batch:
 * {@link Task.collect} returns tensors per batch (read back by `fit`), and
 * {@link Task.metrics} turns them, for all splits together, into numbers.
 *
 * @example
 * ```ts
 * // A regression task: mean squared error over the batch's `y`.
 * const mse: Task<{ y: tf.Tensor }, 'mse'> = {
 *   name: 'regression',
 *   monitor: { monitor: 'val.mse', mode: 'min' },
 *   loss: (out, batch) => tf.losses.meanSquaredError(batch.y, out) as tf.Scalar,
 *   collect: (out, batch) => ({ sum: tf.sum(tf.squaredDifference(out, batch.y)), n: tf.scalar(out.size) }),
 *   metrics: (collected) => Object.fromEntries(Object.entries(collected).map(([split, batches]) => [
 *     split, { mse: batches.reduce((s, b) => s + b.sum![0]!, 0) / batches.reduce((s, b) => s + b.n![0]!, 0) },
 *   ])),
 * };
 * ```
 */
export interface Task<B, K extends string = string> {
  /** Shown in errors, e.g. `'node classification'`. */
  readonly name: string;
  /** The metric `fit` picks its best epoch by unless told otherwise (e.g. `'val.accuracy'`, `'max'`). */
  readonly monitor: Monitor<K>;
  /**
   * The differentiable loss of one batch, over the rows that belong to
   * `split` (called inside the gradient tape; return a scalar).
   */
  loss(output: tf.Tensor, batch: B, split: SplitName): tf.Scalar;
  /**
   * How many examples this batch adds to `split` (weights the per-batch
   * losses of an epoch, as PyG's `loss * batch_size`); `undefined` = 1.
   */
  examples?(batch: B, split: SplitName): number | undefined;
  /**
   * Checks a batch's data for `split` before `fit` and `evaluate` use it
   * (e.g. labels in range), once per batch; async, so that it can read
   * tensors back on any backend. Rejects with a `FitError`.
   */
  checkBatch?(batch: B, split: SplitName): Promise<void>;
  /**
   * Tensors to read back for one eval-mode batch of `split`, called inside
   * `tf.tidy`: per-batch partial results (sums, counts, scores). `fit`
   * reads them as float32 arrays, all splits of one forward in one transfer.
   */
  collect(output: tf.Tensor, batch: B, split: SplitName): Record<string, tf.Tensor>;
  /** Each evaluated split's metrics from what {@link Task.collect} gave, batch by batch. */
  metrics(collected: CollectedSplits): Partial<Record<SplitName, Metrics<K>>>;
}

/** The metric names of a task type. */
export type TaskMetric<T> = T extends Task<never, infer K> ? K : never;

/** Splits a monitor key into split and metric; `undefined` for a malformed key. */
export function parseMonitorKey(key: string): { split: SplitName; metric: string } | undefined {
  const dot = key.indexOf('.');
  const split = key.slice(0, dot);
  if (dot < 0 || !(SPLIT_NAMES as readonly string[]).includes(split)) return undefined;
  return { split: split as SplitName, metric: key.slice(dot + 1) };
}
