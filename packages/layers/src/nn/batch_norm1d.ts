import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError } from '@gnnjs/core';
import { parameter, reinitialize } from './initializers.js';
import { assertChannels } from './linear.js';
import { pyBool, pyFloat } from './python_repr.js';

/** Options of {@link BatchNorm1d}, `torch.nn.BatchNorm1d`'s keyword arguments in camelCase. */
export interface BatchNorm1dOptions {
  /** Added to the variance before its square root (default `1e-5`). */
  eps?: number;
  /** Weight of the newest batch in the running statistics (default `0.1`); `null`: cumulative average. */
  momentum?: number | null;
  /** Learn `weight` and `bias` (default `true`). */
  affine?: boolean;
  /** Keep running statistics and use them in eval mode (default `true`). */
  trackRunningStats?: boolean;
}

/**
 * `torch.nn.BatchNorm1d` over node features `[N, C]`:
 *
 * `y = (x − E[x]) / sqrt(Var[x] + eps) · weight + bias`, per channel.
 *
 * In training the statistics are the batch's (biased variance, with
 * gradients through them), and the running ones are updated as torch does:
 * `running = (1 − momentum) · running + momentum · batch` with the
 * **unbiased** batch variance (`momentum: null`: the cumulative average over
 * `num_batches_tracked` batches); a batch of one row is refused, as torch
 * refuses it, and an empty batch leaves the statistics as they were. In eval
 * mode (or with `trackRunningStats: false` never) the running statistics
 * replace the batch's.
 *
 * Parameters `weight` (ones), `bias` (zeros) `[C]`; buffers `running_mean`
 * (zeros), `running_var` (ones) `[C]`, `num_batches_tracked` (int32 scalar).
 *
 * @example
 * ```ts
 * const bn = new BatchNorm1d(3);
 * const y = bn.forward(tf.tensor2d([[1, 2, 3], [3, 2, 1]])); // training: batch statistics, running ones updated
 * bn.runningMean!.dataSync(); // [0.2, 0.2, 0.2]
 * ```
 */
export class BatchNorm1d extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  readonly weight: tf.Variable | null;
  readonly bias: tf.Variable | null;
  readonly runningMean: tf.Variable | null;
  readonly runningVar: tf.Variable | null;
  readonly numBatchesTracked: tf.Variable | null;

  constructor(numFeatures: number, options: BatchNorm1dOptions = {}) {
    super();
    const { eps = 1e-5, momentum = 0.1, affine = true, trackRunningStats = true } = options;
    assertChannels(numFeatures, 'numFeatures');
    if (!(eps > 0)) throw new ShapeError('eps', `expected a positive number, got ${eps}`);
    if (momentum !== null && !(momentum >= 0 && momentum <= 1)) throw new ShapeError('momentum', `expected a number in [0, 1] or null, got ${momentum}`);
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
    const buffer = (init: () => tf.Tensor) => tf.tidy(() => tf.variable(init(), false));
    this.weight = affine ? this.registerParameter('weight', parameter(() => tf.ones([numFeatures]))) : null;
    this.bias = affine ? this.registerParameter('bias', parameter(() => tf.zeros([numFeatures]))) : null;
    this.runningMean = trackRunningStats ? this.registerBuffer('running_mean', buffer(() => tf.zeros([numFeatures]))) : null;
    this.runningVar = trackRunningStats ? this.registerBuffer('running_var', buffer(() => tf.ones([numFeatures]))) : null;
    this.numBatchesTracked = trackRunningStats ? this.registerBuffer('num_batches_tracked', buffer(() => tf.scalar(0, 'int32'))) : null;
    this.resetParameters();
  }

  /** Zeros the running mean and the batch count, ones the running variance. */
  resetRunningStats(): void {
    if (this.runningMean !== null) reinitialize(this.runningMean, (s) => tf.zeros([...s]));
    if (this.runningVar !== null) reinitialize(this.runningVar, (s) => tf.ones([...s]));
    if (this.numBatchesTracked !== null) reinitialize(this.numBatchesTracked, () => tf.scalar(0, 'int32'));
  }

  /** Resets the running statistics; `weight` ones, `bias` zeros (torch's `reset_parameters`). */
  resetParameters(): void {
    this.resetRunningStats();
    if (this.weight !== null) reinitialize(this.weight, (s) => tf.ones([...s]));
    if (this.bias !== null) reinitialize(this.bias, (s) => tf.zeros([...s]));
  }

  /** `[N, C]` → `[N, C]`; see the class comment for training and eval mode. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[1] !== this.numFeatures) {
      const got = x instanceof tf.Tensor ? `[${x.shape.join(', ')}]` : typeof x;
      throw new ShapeError('x', `${this.constructor.name} expects [N, ${this.numFeatures}], got ${got}`);
    }
    const useBatchStats = this.training || this.runningMean === null;
    if (useBatchStats && this.training && x.shape[0] === 1) {
      throw new ShapeError('x', `${this.constructor.name} in training needs more than one row per channel, got [1, ${this.numFeatures}]`);
    }
    return tf.tidy(() => {
      let mean: tf.Tensor;
      let variance: tf.Tensor;
      if (useBatchStats) {
        ({ mean, variance } = tf.moments(x, 0));
        if (this.training && x.shape[0] > 1) this.updateRunningStats(mean, variance, x.shape[0]);
      } else {
        mean = this.runningMean!;
        variance = this.runningVar!;
      }
      let y = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, this.eps)));
      if (this.weight !== null && this.bias !== null) y = tf.add(tf.mul(y, this.weight), this.bias);
      return y as tf.Tensor2D;
    });
  }

  /** torch's `extra_repr`: `6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True`. */
  override extraRepr(): string {
    const momentum = this.momentum === null ? 'None' : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${momentum}, affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.trackRunningStats)}`;
  }

  private updateRunningStats(mean: tf.Tensor, biasedVariance: tf.Tensor, n: number): void {
    if (this.runningMean === null || this.runningVar === null || this.numBatchesTracked === null) return;
    const { runningMean, runningVar, numBatchesTracked } = this;
    tf.tidy(() => {
      numBatchesTracked.assign(tf.add(numBatchesTracked, tf.scalar(1, 'int32')));
      // Cumulative average without reading the count back: factor = 1 / num_batches_tracked.
      const factor = this.momentum === null ? tf.div(1, tf.cast(numBatchesTracked, 'float32')) : tf.scalar(this.momentum);
      const blend = (running: tf.Tensor, batch: tf.Tensor) => tf.add(tf.mul(running, tf.sub(1, factor)), tf.mul(batch, factor));
      runningMean.assign(blend(runningMean, mean));
      runningVar.assign(blend(runningVar, tf.mul(biasedVariance, n / (n - 1))));
    });
  }
}
