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
