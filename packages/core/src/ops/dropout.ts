import { op, type Tensor, type TensorLike } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { Dropout, type DropoutAttrs, type DropoutInputs } from '../kernels/kernel_names.js';
import { runGnnKernel } from './run_kernel.js';
import { toFloatTensor } from './validate.js';

function seededDropout_<T extends Tensor>(x: T | TensorLike, rate: number, seed: number): T {
  const $x = toFloatTensor(x, 'x', 'seededDropout');
  if (!(rate >= 0 && rate < 1)) throw new ShapeError('rate', `seededDropout expects a rate in [0, 1), got ${rate}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ShapeError('seed', `seededDropout expects an integer seed in [0, 2^32), got ${seed}`);
  }
  if (rate === 0) return $x as T;
  const inputs: DropoutInputs = { x: $x };
  const attrs: DropoutAttrs = { rate, seed };
  return runGnnKernel(Dropout, inputs, attrs) as T;
}

/**
 * Inverted dropout with a counter-based mask: each entry is zeroed with
 * probability `rate` and the rest scaled by `1 / (1 − rate)`, and whether
 * entry `i` is kept depends only on `(seed, i)`. The same seed therefore
 * gives the same mask on every backend, and the gradient draws the mask again
 * instead of storing it (as PyTorch's fused dropout keeps only its RNG state).
 * Kernels may skip the zeros of `x`, which makes dropout of bag-of-words
 * features nearly free.
 *
 * @example
 * ```ts
 * const h = seededDropout(x, 0.5, 42); // the same entries dropped on cpu, wasm and webgpu
 * ```
 */
export const seededDropout = op({ seededDropout_ });
