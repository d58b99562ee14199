/**
 * Pieces shared by the segment kernels. TensorFlow's `UnsortedSegmentMax`
 * fills empty segments with the lowest float (and `...Min` with the highest),
 * and `UnsortedSegmentSum` leaves a mean's divisor at 0; GNN.js wants 0 for
 * every empty segment, so the kernels look at per-segment edge counts.
 */
import type { Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import type { TfOps } from './tf_ops.js';

/** Number of entries of each segment, as float32 `[numSegments]`. */
export function segmentCounts(ops: TfOps, segmentIds: TensorInfo, numSegments: number): Tensor {
  const ones = ops.unary('OnesLike', ops.cast(segmentIds, 'float32'));
  return ops.unsortedSegment('UnsortedSegmentSum', ones, segmentIds, numSegments);
}

/** Reshapes `[n, ...a]` to `[n, ...a, 1, ..., 1]` of rank `rank`, so it broadcasts over trailing axes. */
export function padTrailingAxes(ops: TfOps, x: TensorInfo, rank: number): TensorInfo {
  if (x.shape.length >= rank) return x;
  const ones = new Array<number>(rank - x.shape.length).fill(1);
  return ops.reshape(x, [...x.shape, ...ones]);
}

/** `UnsortedSegmentMax`/`Min` of `data`, with empty segments set to 0. */
export function segmentExtreme(
  ops: TfOps,
  op: 'UnsortedSegmentMax' | 'UnsortedSegmentMin',
  data: TensorInfo,
  segmentIds: TensorInfo,
  numSegments: number,
): Tensor {
  const extreme = ops.unsortedSegment(op, data, segmentIds, numSegments);
  const counts = segmentCounts(ops, segmentIds, numSegments);
  const nonEmpty = ops.binary('Greater', counts, ops.floatScalar(0));
  return ops.select(nonEmpty, extreme, ops.unary('ZerosLike', extreme));
}
