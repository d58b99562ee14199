import { op, type Tensor, type TensorLike } from '@tensorflow/tfjs-core';
import { SegmentSoftmax, type SegmentSoftmaxAttrs, type SegmentSoftmaxInputs } from '../kernels/kernel_names.js';
import { runGnnKernel } from './run_kernel.js';
import { assertCount, assertMinRank, assertRank, assertSameLeading, toFloatTensor, toIndexTensor } from './validate.js';

function segmentSoftmax_<T extends Tensor>(
  logits: T | TensorLike,
  segmentIds: Tensor | TensorLike,
  numSegments: number,
): T {
  const $logits = toFloatTensor(logits, 'logits', 'segmentSoftmax');
  const $ids = toIndexTensor(segmentIds, 'segmentIds', 'segmentSoftmax');
  assertMinRank($logits, 1, 'logits', 'segmentSoftmax');
  assertRank($ids, 1, 'segmentIds', 'segmentSoftmax');
  assertSameLeading($logits, $ids, 'logits', 'segmentIds', 'segmentSoftmax');
  assertCount(numSegments, 'numSegments', 'segmentSoftmax');
  const inputs: SegmentSoftmaxInputs = { logits: $logits, segmentIds: $ids };
  const attrs: SegmentSoftmaxAttrs = { numSegments };
  return runGnnKernel(SegmentSoftmax, inputs, attrs) as T;
}

/**
 * Edge softmax: normalises `logits` (`[E, ...F]`, e.g. `[E, heads]`) over the
 * edges of each segment (usually each target node), per trailing position.
 * Numerically stable (the segment maximum is subtracted first), as PyG's
 * `softmax(src, index, num_nodes=N)`.
 *
 * @example
 * ```ts
 * const alpha = segmentSoftmax(scores, edgeTargets, graph.numNodes); // sums to 1 per target and head
 * ```
 */
export const segmentSoftmax = op({ segmentSoftmax_ });

/** Alias of {@link segmentSoftmax} under DGL's name. */
export const edgeSoftmax = segmentSoftmax;
