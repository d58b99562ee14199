import type * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError, nextSeed, seededDropout } from '@gnnjs/core';

/**
 * Inverted dropout, as `torch.nn.functional.dropout`: in training, zeroes each
 * entry with probability `p` and scales the rest by `1 / (1 - p)`; otherwise
 * returns `x` itself. Runs core's `seededDropout` with the next seed of
 * `manualSeed`'s stream: its counter-based mask is the same on every backend,
 * is never stored for the backward pass, and costs almost nothing on the zeros
 * of bag-of-words features.
 *
 * @example
 * ```ts
 * const h = dropout(x, 0.5, model.training);
 * ```
 */
export function dropout<T extends tf.Tensor>(x: T, p: number, training: boolean): T {
  assertProbability(p);
  if (!training || p === 0) return x;
  return seededDropout(x, p, nextSeed() ?? Math.floor(Math.random() * 2 ** 31));
}

/** {@link dropout} as a module: active in `train()` mode, identity after `eval()`. */
export class Dropout extends Module {
  readonly p: number;
  constructor(p = 0.5) {
    super();
    assertProbability(p);
    this.p = p;
  }
  forward<T extends tf.Tensor>(x: T): T {
    return dropout(x, this.p, this.training);
  }
  override toString(): string {
    return `Dropout(p=${this.p})`;
  }
}

function assertProbability(p: number): void {
  if (!(p >= 0 && p < 1)) throw new ShapeError('p', `dropout probability must be in [0, 1), got ${p}`);
}
