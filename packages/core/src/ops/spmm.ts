import { ones, op, type Tensor, type TensorLike } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { SpMM, type SpMMAttrs, type SpMMInputs } from '../kernels/kernel_names.js';
import { runGnnKernel } from './run_kernel.js';
import { assertCount, assertEdgeIndex, assertMinRank, toFloatTensor, toIndexTensor } from './validate.js';

function spmm_<T extends Tensor>(
  edgeIndex: Tensor | TensorLike,
  x: T | TensorLike,
  weight: Tensor | TensorLike | undefined,
  numDstNodes: number,
): T {
  const $edgeIndex = toIndexTensor(edgeIndex, 'edgeIndex', 'spmm');
  assertEdgeIndex($edgeIndex, 'spmm');
  const $x = toFloatTensor(x, 'x', 'spmm');
  assertMinRank($x, 2, 'x', 'spmm');
  assertCount(numDstNodes, 'numDstNodes', 'spmm');
  const numEdges = $edgeIndex.shape[1]!;
  // The kernel contract allows no weight, but the op always passes one: tfjs
  // saves a kernel's inputs for its gradient by name and cannot save an
  // absent one (see gradients/SpMM_grad.ts).
  let $weight: Tensor;
  if (weight === undefined) {
    $weight = ones([numEdges]);
  } else {
    $weight = toFloatTensor(weight, 'weight', 'spmm');
    const w = $weight.shape;
    const f = $x.shape.slice(1);
    const prefixOk = w.length >= 1 && w.length - 1 <= f.length && w.slice(1).every((d, k) => d === f[k]);
    if (w[0] !== numEdges || !prefixOk) {
      throw new ShapeError(
        'weight',
        `spmm expects shape [E, ...W] with E = ${numEdges} and W a prefix of [${f.join(', ')}], got [${w.join(', ')}]`,
      );
    }
  }
  const inputs: SpMMInputs = { edgeIndex: $edgeIndex, x: $x, weight: $weight };
  const attrs: SpMMAttrs = { numDstNodes };
  return runGnnKernel(SpMM, inputs, attrs) as T;
}

/**
 * Weighted neighbour aggregation: `out[dst_e] += weight[e] * x[src_e]`.
 *
 * `x` is `[numSrcNodes, ...F]`; `weight` (optional, all ones when omitted) is
 * `[E, ...W]` with `W` a prefix of `F`, broadcast over the rest. With
 * `x: [N, H, C]` and `weight: [E, H]` this is multi-head attention
 * aggregation. Backends with a fused kernel never build the `[E, ...F]`
 * message tensor.
 *
 * @example
 * ```ts
 * const out = spmm(edgeIndex, z, alpha, numNodes); // z: [N, H, C], alpha: [E, H] -> [N, H, C]
 * ```
 */
export const spmm = op({ spmm_ });

