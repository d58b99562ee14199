/**
 * Segment reductions over the leading axis, O(E·D), accumulating in edge
 * order so the result is bit-identical on every run. Rows whose segment id
 * lies outside `[0, numSegments)` are skipped (as TensorFlow's
 * `UnsortedSegmentSum` does); empty segments give 0.
 */
import type { NumericArray } from './types.js';

/** `out[s, :] = Σ_{e: ids[e] = s} data[e, :]`; `out` has `numSegments * rowSize` values. */
export function segmentSumImpl(
  data: NumericArray,
  ids: Int32Array,
  numSegments: number,
  rowSize: number,
  out: Float32Array,
): void {
  out.fill(0);
  const numRows = ids.length;
  if (rowSize === 1) {
    for (let e = 0; e < numRows; e++) {
      const s = ids[e]!;
      if (s >= 0 && s < numSegments) out[s] = out[s]! + data[e]!;
    }
    return;
  }
  for (let e = 0; e < numRows; e++) {
    const s = ids[e]!;
    if (s < 0 || s >= numSegments) continue;
    const src = e * rowSize;
    const dst = s * rowSize;
    for (let d = 0; d < rowSize; d++) out[dst + d] = out[dst + d]! + data[src + d]!;
  }
}

/** Number of rows in each segment (ids outside `[0, numSegments)` are not counted). */
export function segmentCounts(ids: Int32Array, numSegments: number): Int32Array {
  const counts = new Int32Array(numSegments);
  for (let e = 0; e < ids.length; e++) {
    const s = ids[e]!;
    if (s >= 0 && s < numSegments) counts[s] = counts[s]! + 1;
  }
  return counts;
}

/** Segment sum divided by the segment's size; empty segments give 0. */
export function segmentMeanImpl(
  data: Float32Array,
  ids: Int32Array,
  numSegments: number,
  rowSize: number,
  out: Float32Array,
): void {
  segmentSumImpl(data, ids, numSegments, rowSize, out);
  divideByCounts(out, ids, numSegments, rowSize);
}

/** Turns segment sums (`sums`, written in place) into means: each row divided by its segment's size. */
export function divideByCounts(sums: Float32Array, ids: Int32Array, numSegments: number, rowSize: number): void {
  const counts = segmentCounts(ids, numSegments);
  for (let s = 0; s < numSegments; s++) {
    const n = counts[s]!;
    if (n <= 1) continue;
    const dst = s * rowSize;
    for (let d = 0; d < rowSize; d++) sums[dst + d] = sums[dst + d]! / n;
  }
}

/**
 * Element-wise maximum (or minimum, with `takeMin`) of each segment. NaN wins,
 * as in `tf.max` and torch's `amax`; empty segments give 0.
 */
function segmentExtremumImpl(
  data: Float32Array,
  ids: Int32Array,
  numSegments: number,
  rowSize: number,
  out: Float32Array,
  takeMin: boolean,
): void {
  const counts = new Int32Array(numSegments);
  const numRows = ids.length;
  for (let e = 0; e < numRows; e++) {
    const s = ids[e]!;
    if (s < 0 || s >= numSegments) continue;
    const src = e * rowSize;
    const dst = s * rowSize;
    if (counts[s] === 0) {
      out.set(data.subarray(src, src + rowSize), dst);
    } else if (takeMin) {
      for (let d = 0; d < rowSize; d++) {
        const v = data[src + d]!;
        // `v !== v` is true only for NaN, which must stick once seen.
        if (v < out[dst + d]! || v !== v) out[dst + d] = v;
      }
    } else {
      for (let d = 0; d < rowSize; d++) {
        const v = data[src + d]!;
        if (v > out[dst + d]! || v !== v) out[dst + d] = v;
      }
    }
    counts[s] = counts[s]! + 1;
  }
  for (let s = 0; s < numSegments; s++) {
    if (counts[s] === 0) out.fill(0, s * rowSize, (s + 1) * rowSize);
  }
}

/** Element-wise maximum of each segment; empty segments give 0. */
export function segmentMaxImpl(
  data: Float32Array,
  ids: Int32Array,
  numSegments: number,
  rowSize: number,
  out: Float32Array,
): void {
  segmentExtremumImpl(data, ids, numSegments, rowSize, out, false);
}

/** Element-wise minimum of each segment; empty segments give 0. */
export function segmentMinImpl(
  data: Float32Array,
  ids: Int32Array,
  numSegments: number,
  rowSize: number,
  out: Float32Array,
): void {
  segmentExtremumImpl(data, ids, numSegments, rowSize, out, true);
}
