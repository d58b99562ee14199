import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError, nextSeed } from '@gnnjs/core';

/**
 * Inverted dropout, as `torch.nn.functional.dropout`: in training, zeroes each
 * entry with probability `p` and scales the rest by `1 / (1 - p)`; otherwise
 * returns `x` itself. Seeded by core's `manualSeed`.
 *
 * @example
 * ```ts
 * const h = dropout(x, 0.5, model.training);
 * ```
 */
export function dropout<T extends tf.Tensor>(x: T, p: number, training: boolean): T {
  assertProbability(p);
  if (!training || p === 0) return x;
  return tf.tidy(() => tf.mul(x, tf.tensor(dropoutMask(x.size, p, nextSeed()), x.shape, 'float32'))) as T;
}

/**
 * `size` values, each `0` with probability `p` and `1 / (1 - p)` otherwise,
 * from a xorshift32 stream seeded by `seed` (a random seed when undefined).
 * tfjs's `tf.dropout` draws its mask with seedrandom in JavaScript, which
 * costs about 80 ms for Cora's `[2708, 1433]` features every epoch; this
 * costs about 10.
 */
export function dropoutMask(size: number, p: number, seed: number | undefined): Float32Array {
  const mask = new Float32Array(size);
  const scale = 1 / (1 - p);
  // Drop an entry when the top 31 bits of its draw fall below p·2^31; the
  // sign bit of their difference decides without a branch (a random branch
  // mispredicts about half the time and doubles the cost).
  const threshold = Math.floor(p * 2147483648);
  // xorshift32 needs a non-zero state; mixing the seed makes nearby seeds diverge at once.
  let state = Math.imul((seed ?? Math.floor(Math.random() * 4294967296)) ^ 0x9e3779b9, 0x85ebca6b) | 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    mask[i] = (1 - (((state >>> 1) - threshold) >>> 31)) * scale;
  }
  return mask;
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
