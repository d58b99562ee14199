import { op, type Tensor, type Tensor2D, type TensorLike } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { AdditiveAttention, type AdditiveAttentionAttrs, type AdditiveAttentionInputs } from '../kernels/kernel_names.js';
import { runGnnKernel } from './run_kernel.js';
import { assertEdgeIndex, assertRank, toFloatTensor, toIndexTensor } from './validate.js';

const OP = 'additiveAttention';

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function additiveAttention_(
  edgeIndex: Tensor | TensorLike,
  lhs: Tensor | TensorLike,
  rhs: Tensor | TensorLike,
  att: Tensor | TensorLike,
  negativeSlope = 0.2,
): Tensor2D {
  const $edgeIndex = toIndexTensor(edgeIndex, 'edgeIndex', OP);
  assertEdgeIndex($edgeIndex, OP);
  const $lhs = toFloatTensor(lhs, 'lhs', OP);
  const $rhs = toFloatTensor(rhs, 'rhs', OP);
  const $att = toFloatTensor(att, 'att', OP);
  assertRank($lhs, 3, 'lhs', OP);
  assertRank($rhs, 3, 'rhs', OP);
  const headShape = $lhs.shape.slice(1);
  if ($rhs.shape[1] !== headShape[0] || $rhs.shape[2] !== headShape[1]) {
    throw new ShapeError('rhs', `${OP} expects rows of shape ${shapeText(headShape)} like lhs, got ${shapeText($rhs.shape.slice(1))}`);
  }
  if ($att.rank !== 2 || $att.shape[0] !== headShape[0] || $att.shape[1] !== headShape[1]) {
    throw new ShapeError('att', `${OP} expects shape ${shapeText(headShape)} ([heads, channels] of lhs), got ${shapeText($att.shape)}`);
  }
  if (typeof negativeSlope !== 'number' || !Number.isFinite(negativeSlope)) {
    throw new ShapeError('negativeSlope', `${OP} expects a finite number, got ${String(negativeSlope)}`);
  }
  const inputs: AdditiveAttentionInputs = { edgeIndex: $edgeIndex, lhs: $lhs, rhs: $rhs, att: $att };
  const attrs: AdditiveAttentionAttrs = { negativeSlope };
  return runGnnKernel(AdditiveAttention, inputs, attrs) as Tensor2D;
}

/**
 * Additive attention logits of GATv2, per edge and head:
 * `out[e, h] = Σ_c att[h, c] · LeakyReLU(lhs[src_e, h, c] + rhs[dst_e, h, c])`,
 * PyG's `(F.leaky_relu(x_j + x_i, negative_slope) * att).sum(-1)`.
 *
 * `edgeIndex` is int32 `[2, E]`, `lhs` `[numSrcNodes, H, C]` (source rows),
 * `rhs` `[numDstNodes, H, C]` (target rows), `att` `[H, C]`; the result is
 * `[E, H]`, differentiable w.r.t. `lhs`, `rhs` and `att`. Edges with an
 * endpoint out of range give 0. `negativeSlope` defaults to 0.2. Backends
 * with a fused kernel (cpu, wasm) never build an `[E, H, C]` tensor, in the
 * forward or the backward pass.
 *
 * @example
 * ```ts
 * const logits = additiveAttention(edgeIndex, xl, xr, att, 0.2); // xl, xr: [N, H, C], att: [H, C] -> [E, H]
 * const alpha = segmentSoftmax(logits, targets, numNodes);
 * ```
 */
export const additiveAttention = op({ additiveAttention_ });
