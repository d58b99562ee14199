/**
 * Segment max/min from tfjs-core ops alone. tfjs has no unsorted segment max,
 * so the rows are sorted by segment once (`topk` over the ids, O(E log E)),
 * then a segmented inclusive scan by doubling shifts (Hillis–Steele,
 * ⌈log₂ E⌉ rounds of `where`) leaves each segment's extremum in its last row,
 * and one scatter-add of those last rows (every segment receives exactly one
 * non-zero row, so the sum is exact in any order) writes the output.
 * O(E·D·log E) work and no read-back to the CPU, so it runs unchanged on
 * asynchronous backends. (No `cumsum`: tfjs-webgpu 4.22's reverse cumsum is
 * wrong on most inputs.)
 */
import {
  cast,
  concat,
  equal,
  gather,
  greater,
  notEqual,
  ones,
  slice,
  topk,
  where,
  zeros,
  zerosLike,
  type Tensor,
} from '@tensorflow/tfjs-core';
import { expandTrailing } from './edge_endpoints.js';
import { scatterAddRows } from './scatter_add_rows.js';

export function segmentExtremum(
  data: Tensor,
  segmentIds: Tensor,
  numSegments: number,
  combine: (a: Tensor, b: Tensor) => Tensor,
): Tensor {
  const numRows = data.shape[0]!;
  const rowShape = data.shape.slice(1);
  if (numRows === 0 || numSegments === 0) return zeros([numSegments, ...rowShape]);

  // Descending segment order; ties among equal ids do not matter for max/min.
  const { values: sortedIds, indices: order } = topk(segmentIds, numRows);
  let scanned = gather(data, order, 0);
  const rowStart = data.shape.map(() => 0);
  for (let shift = 1; shift < numRows; shift *= 2) {
    const kept = numRows - shift;
    const sameSegment = equal(slice(sortedIds, [shift], [kept]), slice(sortedIds, [0], [kept]));
    const current = slice(scanned, [shift, ...rowStart.slice(1)], [kept, ...rowShape]);
    const previous = slice(scanned, rowStart, [kept, ...rowShape]);
    const merged = where(expandTrailing(sameSegment, data.rank), combine(current, previous), current);
    scanned = concat([slice(scanned, rowStart, [shift, ...rowShape]), merged], 0);
  }

  // Row e ends its segment when the next row's id differs (the last row always does).
  const isLast =
    numRows === 1
      ? ones([1])
      : concat(
          [cast(notEqual(slice(sortedIds, [0], [numRows - 1]), slice(sortedIds, [1], [numRows - 1])), 'float32'), ones([1])],
          0,
        );
  const lastRows = where(expandTrailing(greater(isLast, 0), data.rank), scanned, zerosLike(scanned));
  return scatterAddRows(lastRows, sortedIds, numSegments);
}
