import { op, type Tensor, type Tensor2D, type TensorLike } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { AttentionProjection, type AttentionProjectionAttrs, type AttentionProjectionInputs } from '../kernels/kernel_names.js';
import { runGnnKernel } from './run_kernel.js';
import { assertRank, toFloatTensor } from './validate.js';

const OP = 'attentionProjection';

function attentionProjection_(x: Tensor | TensorLike, att: Tensor | TensorLike): Tensor2D {
  const $x = toFloatTensor(x, 'x', OP);
  const $att = toFloatTensor(att, 'att', OP);
  assertRank($x, 3, 'x', OP);
  if ($att.rank !== 2 || $att.shape[0] !== $x.shape[1] || $att.shape[1] !== $x.shape[2]) {
    throw new ShapeError('att', `${OP} expects shape [${$x.shape.slice(1).join(', ')}] ([heads, channels] of x), got [${$att.shape.join(', ')}]`);
  }
  const inputs: AttentionProjectionInputs = { x: $x, att: $att };
  const attrs: AttentionProjectionAttrs = {};
  return runGnnKernel(AttentionProjection, inputs, attrs) as Tensor2D;
}

/**
 * Per-node attention scores of every head, GATConv's `(x * att).sum(-1)`:
 * `out[n, h] = Σ_c x[n, h, c] · att[h, c]` for `x` `[N, H, C]` and `att`
 * `[H, C]`, differentiable w.r.t. both. A fused kernel's backward makes no
 * `[N, H, C]` tensor but `dx` itself.
 *
 * @example
 * ```ts
 * const scoreSrc = attentionProjection(z, attSrc); // z: [N, H, C], attSrc: [H, C] -> [N, H]
 * ```
 */
export const attentionProjection = op({ attentionProjection_ });
