import { runGnnKernel } from './run_kernel.js';
import { op, type Tensor, type TensorLike } from '@tensorflow/tfjs-core';
import { GatherRows, type GatherRowsAttrs, type GatherRowsInputs } from '../kernels/kernel_names.js';
import { assertMinRank, assertRank, toFloatTensor, toIndexTensor } from './validate.js';

function gatherRows_<T extends Tensor>(x: T | TensorLike, indices: Tensor | TensorLike): T {
  const $x = toFloatTensor(x, 'x', 'gatherRows');
  const $indices = toIndexTensor(indices, 'indices', 'gatherRows');
  assertMinRank($x, 1, 'x', 'gatherRows');
  assertRank($indices, 1, 'indices', 'gatherRows');
  const inputs: GatherRowsInputs = { x: $x, indices: $indices };
  const attrs: GatherRowsAttrs = {};
  return runGnnKernel(GatherRows, inputs, attrs) as T;
}

/**
 * Picks rows of `x`: `out[e] = x[indices[e]]`. Its gradient is a segment sum,
 * which GNN backends run in O(E·D) (tfjs's own `gather` gradient does not).
 *
 * @example
 * ```ts
 * const z = gatherRows(x, [0, 0, 2]); // rows 0, 0 and 2 of x
 * ```
 */
export const gatherRows = op({ gatherRows_ });

