/**
 * Segment max/min from tfjs-core ops alone. tfjs has no unsorted segment max,
 * so the rows are sorted by segment once (`topk` over the ids, O(E log E)),
 * then a segmented inclusive scan by doubling shifts (Hillis–Steele,
 * ⌈log₂ E⌉ rounds of `where`) leaves each segment's extremum in its last row,
 * which a prefix count of segment sizes locates. O(E·D·log E) work and no
 * read-back to the CPU, so it runs unchanged on asynchronous backends.
 */
import {
  cast,
  concat,
  cumsum,
  equal,
  gather,
  greater,
  maximum,
  onesLike,
  reshape,
  scalar,
  slice,
  sub,
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

  // In descending order, segment s ends at (number of ids >= s) - 1.
  const counts = scatterAddRows(cast(onesLike(segmentIds), 'float32'), segmentIds, numSegments);
  const atLeast = cumsum(counts, 0, false, true);
  const lastRow = cast(maximum(sub(atLeast, scalar(1)), scalar(0)), 'int32');
  const picked = gather(scanned, reshape(lastRow, [numSegments]), 0);
  return where(expandTrailing(greater(counts, scalar(0)), data.rank), picked, zerosLike(picked));
}
