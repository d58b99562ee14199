import { op, type Tensor, type TensorLike } from '@tensorflow/tfjs-core';
import {
  SegmentMax,
  SegmentMean,
  SegmentMin,
  SegmentSum,
  type SegmentReduceAttrs,
  type SegmentReduceInputs,
} from '../kernels/kernel_names.js';
import { runGnnKernel } from './run_kernel.js';
import { assertCount, assertMinRank, assertRank, assertSameLeading, toFloatTensor, toIndexTensor } from './validate.js';

/** The aggregations a segment reduction (and `MessagePassing`) supports. */
export type SegmentReduction = 'sum' | 'mean' | 'max' | 'min';

const KERNEL_OF: Record<SegmentReduction, string> = {
  sum: SegmentSum,
  mean: SegmentMean,
  max: SegmentMax,
  min: SegmentMin,
};

function segmentReduce_<T extends Tensor>(
  reduction: SegmentReduction,
  data: T | TensorLike,
  segmentIds: Tensor | TensorLike,
  numSegments: number,
): T {
  const op = `segment${reduction[0]!.toUpperCase()}${reduction.slice(1)}`;
  const $data = toFloatTensor(data, 'data', op);
  const $ids = toIndexTensor(segmentIds, 'segmentIds', op);
  assertMinRank($data, 1, 'data', op);
  assertRank($ids, 1, 'segmentIds', op);
  assertSameLeading($data, $ids, 'data', 'segmentIds', op);
  assertCount(numSegments, 'numSegments', op);
  const inputs: SegmentReduceInputs = { data: $data, segmentIds: $ids };
  const attrs: SegmentReduceAttrs = { numSegments };
  return runGnnKernel(KERNEL_OF[reduction], inputs, attrs) as T;
}

// A named scope frees the tensors converted from TensorLike arguments.
const segmentReduce = op({ segmentReduce_ });

/**
 * Sums rows of `data` that share a segment id: `out[s] = Σ_{e: ids[e]=s} data[e]`.
 * Empty segments give 0.
 *
 * @example
 * ```ts
 * const out = segmentSum(messages, edgeTargets, graph.numNodes); // [N, D]
 * ```
 */
export function segmentSum<T extends Tensor>(data: T | TensorLike, segmentIds: Tensor | TensorLike, numSegments: number): T {
  return segmentReduce('sum', data, segmentIds, numSegments);
}

/** Mean of the rows in each segment; empty segments give 0. */
export function segmentMean<T extends Tensor>(data: T | TensorLike, segmentIds: Tensor | TensorLike, numSegments: number): T {
  return segmentReduce('mean', data, segmentIds, numSegments);
}

/**
 * Element-wise maximum of the rows in each segment; empty segments give 0.
 * The gradient flows to the maximal elements; tied maxima share it evenly, as
 * PyG's `scatter(reduce='max')` (torch `scatter_reduce` with `amax`) does.
 */
export function segmentMax<T extends Tensor>(data: T | TensorLike, segmentIds: Tensor | TensorLike, numSegments: number): T {
  return segmentReduce('max', data, segmentIds, numSegments);
}

/** Element-wise minimum of each segment; empty segments give 0; ties share the gradient evenly. */
export function segmentMin<T extends Tensor>(data: T | TensorLike, segmentIds: Tensor | TensorLike, numSegments: number): T {
  return segmentReduce('min', data, segmentIds, numSegments);
}

/** Dispatches to the segment reduction named by `reduction`. */
export function segmentAggregate<T extends Tensor>(
  reduction: SegmentReduction,
  data: T | TensorLike,
  segmentIds: Tensor | TensorLike,
  numSegments: number,
): T {
  return segmentReduce(reduction, data, segmentIds, numSegments);
}
