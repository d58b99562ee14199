/**
 * Value checks for kernels run at graph scale (Cora-sized, hub-heavy), where
 * a full float64 reference would cost more than the kernel: references of a
 * sample of rows, and invariants that hold for every row.
 */
import { seededRandom } from './random_graph.js';

/** `count` distinct rows of `[0, numRows)` drawn with `seed`, plus `always`, sorted. */
export function sampleRows(numRows: number, count: number, seed: number, always: readonly number[] = []): number[] {
  const random = seededRandom(seed);
  const rows = new Set(always);
  while (rows.size < Math.min(numRows, count + always.length)) rows.add(Math.floor(random() * numRows));
  return [...rows].sort((a, b) => a - b);
}

/** How often each node id in `[0, numNodes)` occurs in `ids` (a node's out- or in-degree). */
export function countIds(ids: Int32Array, numNodes: number): Int32Array {
  const counts = new Int32Array(numNodes);
  for (const id of ids) counts[id]! += 1;
  return counts;
}

/**
 * Float64 rows of `Σ_{e: dst[e] = v} w[e] · x[src[e]]` for `v` in `rows`:
 * `x` is `[N, heads · channels]` flat, `w` `[E, heads]` flat (or absent: 1),
 * each weight scaling its head's `channels` values (SpMM's broadcast).
 */
export function weightedSumRows(
  edges: { src: Int32Array; dst: Int32Array },
  x: Float32Array,
  rowSize: number,
  rows: readonly number[],
  weight?: { values: Float32Array; heads: number },
): Map<number, Float64Array> {
  const out = new Map(rows.map((v) => [v, new Float64Array(rowSize)]));
  const heads = weight?.heads ?? 1;
  const channels = rowSize / heads;
  edges.dst.forEach((v, e) => {
    const acc = out.get(v);
    if (acc === undefined) return;
    const u = edges.src[e]!;
    for (let f = 0; f < rowSize; f++) {
      const w = weight === undefined ? 1 : weight.values[e * heads + Math.floor(f / channels)]!;
      acc[f]! += w * x[u * rowSize + f]!;
    }
  });
  return out;
}

/**
 * Throws unless every listed row of `actual` (`rowSize` values a row) is
 * within `absolute + relative · |expected|` of its expected row.
 */
export function assertRowsClose(
  actual: Float32Array,
  rowSize: number,
  expected: ReadonlyMap<number, ArrayLike<number>>,
  what: string,
  tolerance: { absolute: number; relative: number } = { absolute: 1e-5, relative: 1e-4 },
): void {
  for (const [row, values] of expected) {
    for (let f = 0; f < rowSize; f++) {
      const a = actual[row * rowSize + f]!;
      const b = values[f]!;
      if (!(Math.abs(a - b) <= tolerance.absolute + tolerance.relative * Math.abs(b))) {
        throw new Error(`${what}: row ${row}, column ${f}: ${a}, expected ${b}`);
      }
    }
  }
}

/**
 * Throws unless, for every segment with at least one row and every column,
 * the rows of `y` (`[E, columns]` flat) with that segment id sum to 1 within
 * `tolerance`, and every value lies in [0, 1]: what a softmax per segment gives.
 */
export function assertSegmentsSumToOne(y: Float32Array, ids: Int32Array, numSegments: number, columns: number, what: string, tolerance = 1e-5): void {
  const sums = new Float64Array(numSegments * columns);
  ids.forEach((s, e) => {
    for (let c = 0; c < columns; c++) {
      const v = y[e * columns + c]!;
      if (!(v >= 0 && v <= 1)) throw new Error(`${what}: row ${e}, column ${c} is ${v}, not a probability`);
      sums[s * columns + c]! += v;
    }
  });
  const counts = countIds(ids, numSegments);
  for (let s = 0; s < numSegments; s++) {
    if (counts[s] === 0) continue;
    for (let c = 0; c < columns; c++) {
      const total = sums[s * columns + c]!;
      if (!(Math.abs(total - 1) <= tolerance)) throw new Error(`${what}: segment ${s} (${counts[s]} rows), column ${c} sums to ${total}`);
    }
  }
}
