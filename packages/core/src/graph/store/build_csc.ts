/** Building one edge type's destination-sorted adjacency ({@link CscAdjacency}) from edge lists. */
import type { CscAdjacency, TimeArray } from './types.js';

/** Bytes the arrays of a CSC take: `colptr`, `row`, `edgeId`, and `time` when temporal. */
export function cscBytes(numDst: number, numEdges: number, timeBytes: number): number {
  return (numDst + 1) * 4 + numEdges * (8 + timeBytes);
}

/** An Int32Array of `n` entries, on a `SharedArrayBuffer` when `shared` (so workers can read it without a copy). */
export function allocInt32(n: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n);
}

/** A time array of the same element type as `like`, `n` entries. */
export function allocTime(like: TimeArray, n: number, shared: boolean): TimeArray {
  const bytes = like.BYTES_PER_ELEMENT;
  const buffer = shared ? new SharedArrayBuffer(n * bytes) : new ArrayBuffer(n * bytes);
  if (like instanceof Int32Array) return new Int32Array(buffer);
  return bytes === 4 ? new Float32Array(buffer) : new Float64Array(buffer);
}

/**
 * The CSC of edges `src[e] → dst[e]` (indices already checked to be in
 * range), by a stable counting sort on `dst`: O(E + numDst). With
 * `entryTime(e)`, each column is then sorted by time, ties in edge order, and
 * the times are stored per entry (PyG's `sort_csc` with node or edge time).
 */
export function buildCsc(
  src: Int32Array,
  dst: Int32Array,
  numSrc: number,
  numDst: number,
  options: { entryTime?: { like: TimeArray; at: (e: number) => number }; shared?: boolean } = {},
): CscAdjacency {
  const shared = options.shared ?? false;
  const numEdges = src.length;
  const colptr = allocInt32(numDst + 1, shared);
  for (let e = 0; e < numEdges; e++) colptr[dst[e]! + 1]++;
  for (let v = 0; v < numDst; v++) colptr[v + 1] += colptr[v]!;
  const fill = colptr.slice(0, numDst);
  const edgeId = allocInt32(numEdges, shared);
  for (let e = 0; e < numEdges; e++) edgeId[fill[dst[e]!]++] = e;

  const entryTime = options.entryTime;
  let time: TimeArray | undefined;
  if (entryTime !== undefined) {
    const byEdge = new Float64Array(numEdges);
    for (let e = 0; e < numEdges; e++) byEdge[e] = entryTime.at(e);
    for (let v = 0; v < numDst; v++) {
      const start = colptr[v]!;
      const end = colptr[v + 1]!;
      if (end - start > 1 && !isSorted(edgeId, start, end, byEdge)) {
        edgeId.subarray(start, end).sort((a, b) => byEdge[a]! - byEdge[b]! || a - b);
      }
    }
    time = allocTime(entryTime.like, numEdges, shared);
    for (let k = 0; k < numEdges; k++) time[k] = byEdge[edgeId[k]!]!;
  }
  const row = allocInt32(numEdges, shared);
  for (let k = 0; k < numEdges; k++) row[k] = src[edgeId[k]!]!;
  return time === undefined ? { colptr, row, edgeId, numSrc, numDst } : { colptr, row, edgeId, time, numSrc, numDst };
}

function isSorted(edgeId: Int32Array, start: number, end: number, byEdge: Float64Array): boolean {
  for (let k = start + 1; k < end; k++) if (byEdge[edgeId[k - 1]!]! > byEdge[edgeId[k]!]!) return false;
  return true;
}
