/** Typed errors of @gnnjs/sampling. */
import { GnnError } from '@gnnjs/core';

/** A loader or sampler option, or the input nodes/edges, is invalid. The message names the option. */
export class SamplingError extends GnnError {
  override readonly name: string = 'SamplingError';
  /** The option at fault, e.g. `numNeighbors['user__buys__item'][1]`, `inputNodes`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/**
 * A sampling worker failed: it threw, exited, or gave no answer in time. The
 * loader stops every worker before this error reaches the caller, so nothing
 * is left running.
 */
export class SamplerWorkerError extends GnnError {
  override readonly name: string = 'SamplerWorkerError';
  /** Which worker (0-based). */
  readonly worker: number;
  /** `'error'`: an uncaught error in the worker; `'exit'`: it ended; `'timeout'`: no answer within the time limit; `'task'`: the sampler threw. */
  readonly reason: 'error' | 'exit' | 'timeout' | 'task';
  constructor(worker: number, reason: 'error' | 'exit' | 'timeout' | 'task', message: string) {
    super(`sampling worker ${worker}: ${message}`);
    this.worker = worker;
    this.reason = reason;
  }
}
