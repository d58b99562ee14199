/**
 * Dropout fused into the product that consumes it, optional kernels like
 * `GnnAdamStep`: a backend without them runs their composites (dropout, then
 * the product), so they are not in `GNN_KERNEL_NAMES`.
 */
import type { NamedTensorInfoMap } from '@tensorflow/tfjs-core';
import type { DropoutAttrs } from './kernel_names.js';

/**
 * `out = seededDropout(x, rate, seed) · weightᵀ` for `x: [M, K]` and
 * `weight: [N, K]` (PyTorch's `Linear` layout), output `[M, N]`: a layer's
 * input dropout and first linear map in one kernel, without the dropped
 * `x` ever being made. Over bag-of-words features (the same tensor every
 * epoch) a kernel keeps their non-zeros and draws the mask of those only.
 * The mask is `GnnDropout`'s for the same `rate` and `seed`.
 */
export const DropoutMatMul = 'GnnDropoutMatMul';
export type DropoutMatMulInputs = Pick<NamedTensorInfoMap, 'x' | 'weight'>;
export type DropoutMatMulAttrs = DropoutAttrs;

/**
 * The weight gradient of {@link DropoutMatMul} for an upstream gradient
 * `dy: [M, N]`: `dyᵀ · seededDropout(x, rate, seed)`, `[N, K]`, the mask
 * drawn again (never stored).
 */
export const DropoutMatMulGrad = 'GnnDropoutMatMulGrad';
export type DropoutMatMulGradInputs = Pick<NamedTensorInfoMap, 'x' | 'dy'>;
export type DropoutMatMulGradAttrs = DropoutAttrs;
