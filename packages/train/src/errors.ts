import { GnnError } from '@gnnjs/core';

/**
 * `fit`, `trainEpoch` or `evaluate` was called with something they cannot use:
 * a split without batches, a batch without labels or split rows, a monitor
 * naming a metric the task does not report, a forward that returns no tensor.
 */
export class FitError extends GnnError {
  override readonly name: string = 'FitError';
}

/** An optimizer got a bad hyper-parameter or parameter list. */
export class OptimizerError extends GnnError {
  override readonly name: string = 'OptimizerError';
}

/** A checkpoint is missing, unreadable, malformed, corrupted or does not fit the model. */
export class CheckpointError extends GnnError {
  override readonly name: string = 'CheckpointError';
  /** The file (or, for in-memory checkpoints, the part) at fault. */
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}

/**
 * A metric function got arguments it cannot measure: scores and labels of
 * different lengths, a `k` or alert budget that is not a count, a fraction
 * outside [0, 1]. `argument` names the one at fault.
 *
 * @example
 * ```ts
 * try {
 *   rocAuc([0.9, 0.1], [1]);
 * } catch (error) {
 *   if (error instanceof MetricError) console.log(error.argument); // 'labels'
 * }
 * ```
 */
export class MetricError extends GnnError {
  override readonly name: string = 'MetricError';
  /** The argument at fault, e.g. `labels`, `k`, `alertBudget.fraction`. */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.argument = argument;
  }
}
