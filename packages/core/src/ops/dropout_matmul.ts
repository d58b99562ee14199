import { getBackend, matMul, op, transpose, type Tensor, type Tensor2D, type TensorLike } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { hasBackendKernel } from '../kernels/composite_kernels.js';
import { DropoutMatMul, type DropoutMatMulAttrs, type DropoutMatMulInputs } from '../kernels/dropout_matmul_kernel.js';
import { seededDropout } from './dropout.js';
import { runGnnKernel } from './run_kernel.js';
import { assertRank, toFloatTensor } from './validate.js';

function dropoutMatMul_(x: Tensor2D | TensorLike, weight: Tensor2D | TensorLike, rate: number, seed: number): Tensor2D {
  const $x = toFloatTensor(x, 'x', 'dropoutMatMul');
  const $weight = toFloatTensor(weight, 'weight', 'dropoutMatMul');
  assertRank($x, 2, 'x', 'dropoutMatMul');
  assertRank($weight, 2, 'weight', 'dropoutMatMul');
  if ($weight.shape[1] !== $x.shape[1]) {
    throw new ShapeError('weight', `dropoutMatMul expects [N, ${$x.shape[1]}] for x of shape [${$x.shape.join(', ')}], got [${$weight.shape.join(', ')}]`);
  }
  if (!(rate >= 0 && rate < 1)) throw new ShapeError('rate', `dropoutMatMul expects a rate in [0, 1), got ${rate}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ShapeError('seed', `dropoutMatMul expects an integer seed in [0, 2^32), got ${seed}`);
  }
  // Fused, the backward pass redraws the mask; only a backend's own kernel makes that pay (its
  // composite is slower than the two ops, measured in apps/bench/LEVERS.md), so elsewhere run them.
  if (!hasBackendKernel(DropoutMatMul, getBackend())) return matMul(seededDropout($x, rate, seed), transpose($weight));
  const inputs: DropoutMatMulInputs = { x: $x, weight: $weight };
  const attrs: DropoutMatMulAttrs = { rate, seed };
  return runGnnKernel(DropoutMatMul, inputs, attrs) as Tensor as Tensor2D;
}

/**
 * `seededDropout(x, rate, seed) · weightᵀ` (a layer's input dropout and its
 * linear map, `weight: [out, in]` as a `Linear`'s) in one kernel,
 * `GnnDropoutMatMul`: the dropped `x` is never made, and over bag-of-words
 * features the `cpu` and `wasm` kernels draw the mask of the non-zeros only
 * and multiply from them. The same numbers as the two ops, and its gradient
 * redraws the mask instead of keeping it. On a backend without its own
 * `GnnDropoutMatMul` kernel it runs the two ops (the composite's redrawn mask
 * would cost more than it saves there).
 *
 * @example
 * ```ts
 * const h = dropoutMatMul(x, lin.weight, 0.5, nextSeed()); // [N, out]
 * ```
 */
export const dropoutMatMul = op({ dropoutMatMul_ });
