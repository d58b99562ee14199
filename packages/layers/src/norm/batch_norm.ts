import type * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError } from '@gnnjs/core';
import { BatchNorm1d, type BatchNorm1dOptions } from '../nn/batch_norm1d.js';

/** Options of {@link BatchNorm}, PyG 2.6's keyword arguments in camelCase. */
export interface BatchNormOptions extends BatchNorm1dOptions {
  /**
   * Accept a batch of one row in training by normalising it with the running
   * statistics instead (default `false`; needs `trackRunningStats`).
   */
  allowSingleElement?: boolean;
}

/**
 * PyG's `BatchNorm`: batch normalisation over all nodes (or graphs) of a
 * mini-batch, a wrapper of {@link BatchNorm1d} kept as `module`, so the
 * state dict reads `module.weight`, `module.bias`, `module.running_mean`,
 * `module.running_var`, `module.num_batches_tracked`:
 *
 * `x'_i = (x_i − E[x]) / sqrt(Var[x] + eps) ⊙ γ + β`.
 *
 * Training uses the batch's statistics and updates the running ones
 * (momentum 0.1, unbiased variance, as torch); eval mode uses the running
 * ones. Defaults: `eps = 1e-5`, `momentum = 0.1`, `affine = true`,
 * `trackRunningStats = true`, `allowSingleElement = false`.
 *
 * @example
 * ```ts
 * const norm = new BatchNorm(16);
 * norm.toString(); // 'BatchNorm(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'
 * const h = norm.forward(tf.randomNormal([32, 16])); // [32, 16]
 * ```
 */
export class BatchNorm extends Module {
  readonly inChannels: number;
  readonly allowSingleElement: boolean;
  readonly module: BatchNorm1d;

  constructor(inChannels: number, options: BatchNormOptions = {}) {
    super();
    const { allowSingleElement = false, ...rest } = options;
    this.module = this.registerModule('module', new BatchNorm1d(inChannels, rest));
    if (allowSingleElement && !this.module.trackRunningStats) {
      this.module.dispose();
      throw new ShapeError('allowSingleElement', 'BatchNorm: allowSingleElement requires trackRunningStats: true');
    }
    this.inChannels = inChannels;
    this.allowSingleElement = allowSingleElement;
  }

  /** Zeros the running mean and count, ones the running variance. */
  resetRunningStats(): void {
    this.module.resetRunningStats();
  }

  /** torch's `reset_parameters` of the wrapped `BatchNorm1d`. */
  resetParameters(): void {
    this.module.resetParameters();
  }

  /** `[N, C]` → `[N, C]`. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    if (this.allowSingleElement && this.training && x.shape[0] <= 1) {
      // PyG normalises a single row with the running statistics and leaves them as they are.
      this.module.eval();
      try {
        return this.module.forward(x);
      } finally {
        this.module.train();
      }
    }
    return this.module.forward(x);
  }

  override toString(): string {
    return `BatchNorm(${this.module.extraRepr()})`;
  }
}
