import { op, type Tensor, type TensorLike } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { SDDMM, type SDDMMAttrs, type SDDMMInputs, type SDDMMOp } from '../kernels/kernel_names.js';
import { runGnnKernel } from './run_kernel.js';
import { assertEdgeIndex, assertMinRank, toFloatTensor, toIndexTensor } from './validate.js';

function sddmm_<T extends Tensor>(
  edgeIndex: Tensor | TensorLike,
  lhs: Tensor | TensorLike,
  rhs: Tensor | TensorLike,
  op: SDDMMOp = 'add',
): T {
  const $edgeIndex = toIndexTensor(edgeIndex, 'edgeIndex', 'sddmm');
  assertEdgeIndex($edgeIndex, 'sddmm');
  const $lhs = toFloatTensor(lhs, 'lhs', 'sddmm');
  const $rhs = toFloatTensor(rhs, 'rhs', 'sddmm');
  assertMinRank($lhs, op === 'dot' ? 2 : 1, 'lhs', 'sddmm');
  const fl = $lhs.shape.slice(1);
  const fr = $rhs.shape.slice(1);
  if (fl.length !== fr.length || fl.some((d, k) => d !== fr[k])) {
    throw new ShapeError('rhs', `sddmm expects lhs and rhs rows of one shape, got [${fl.join(', ')}] and [${fr.join(', ')}]`);
  }
  if (op !== 'add' && op !== 'mul' && op !== 'dot') {
    throw new ShapeError('op', `sddmm expects 'add', 'mul' or 'dot', got '${String(op)}'`);
  }
  const inputs: SDDMMInputs = { edgeIndex: $edgeIndex, lhs: $lhs, rhs: $rhs };
  const attrs: SDDMMAttrs = { op };
  return runGnnKernel(SDDMM, inputs, attrs) as T;
}

/**
 * Per-edge values from source and target node features
 * (sampled dense-dense): with `op = 'add'`, `out[e] = lhs[src_e] + rhs[dst_e]`;
 * `'mul'` multiplies; `'dot'` sums the product over the last axis.
 * GAT's attention logits are `sddmm(edgeIndex, aSrc, aDst, 'add')` on
 * `[N, heads]` node scores, without gathering `[E, heads, C]` features.
 *
 * @example
 * ```ts
 * const logits = sddmm(edgeIndex, alphaSrc, alphaDst, 'add'); // [E, heads]
 * ```
 */
export const sddmm = op({ sddmm_ });

