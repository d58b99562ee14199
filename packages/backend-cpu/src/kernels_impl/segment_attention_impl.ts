/**
 * `GnnSegmentAttention` and its backward on typed arrays: softmax attention
 * among the nodes of each segment, one query row at a time (the scores of a
 * row live in one scratch array of the largest segment's size; no `[n, n]`
 * matrix is ever built). Cost O(Σ_s n_s² · H · (Dk + Dv)).
 */
import { dropoutKey, dropoutScale, dropoutThreshold, keepsEntry } from '@gnnjs/core';

export interface SegmentAttentionDims {
  numNodes: number;
  heads: number;
  /** Channels per head of query and key. */
  keyDim: number;
  /** Channels per head of value and output. */
  valueDim: number;
  numSegments: number;
  scale: number;
  dropoutRate: number;
  seed: number;
}

/** Nodes grouped by segment (stable): segment s owns `order[starts[s] .. starts[s+1])`. */
export interface SegmentGroups {
  order: Int32Array;
  starts: Int32Array;
  /** Size of the largest segment. */
  largest: number;
}

/** Counting sort of the node ids by segment; ids out of `[0, numSegments)` are left out. */
export function segmentGroups(ids: Int32Array, numSegments: number): SegmentGroups {
  const starts = new Int32Array(numSegments + 1);
  for (const s of ids) if (s >= 0 && s < numSegments) starts[s + 1]!++;
  let largest = 0;
  for (let s = 0; s < numSegments; s++) {
    largest = Math.max(largest, starts[s + 1]!);
    starts[s + 1]! += starts[s]!;
  }
  const order = new Int32Array(starts[numSegments]!);
  const fill = starts.slice(0, numSegments);
  ids.forEach((s, i) => {
    if (s >= 0 && s < numSegments) order[fill[s]!++] = i;
  });
  return { order, starts, largest };
}

/** The dropout rule of the kernel: factor of pair (i, j) in head h. */
interface PairDropout {
  key: number;
  threshold: number;
  scale: number;
}

function pairDropout(dims: SegmentAttentionDims): PairDropout | undefined {
  if (dims.dropoutRate === 0) return undefined;
  return { key: dropoutKey(dims.seed), threshold: dropoutThreshold(dims.dropoutRate), scale: dropoutScale(dims.dropoutRate) };
}

function pairFactor(drop: PairDropout, dims: SegmentAttentionDims, i: number, j: number, h: number): number {
  const index = (Math.imul(Math.imul(i, dims.numNodes) + j, dims.heads) + h) >>> 0;
  return keepsEntry(drop.key, drop.threshold, index) ? drop.scale : 0;
}

/**
 * Softmax probabilities of query `i`, head `h`, over the `n` keys at
 * `order[first ..]`, written to `p[0 .. n)`.
 */
function rowProbabilities(
  query: Float32Array,
  key: Float32Array,
  order: Int32Array,
  first: number,
  n: number,
  i: number,
  h: number,
  dims: SegmentAttentionDims,
  p: Float64Array,
): void {
  const { heads, keyDim, scale } = dims;
  const q0 = (i * heads + h) * keyDim;
  let top = -Infinity;
  for (let t = 0; t < n; t++) {
    const k0 = (order[first + t]! * heads + h) * keyDim;
    let dot = 0;
    for (let c = 0; c < keyDim; c++) dot += query[q0 + c]! * key[k0 + c]!;
    const s = scale * dot;
    p[t] = s;
    if (s > top) top = s;
  }
  let total = 0;
  for (let t = 0; t < n; t++) {
    const e = Math.exp(p[t]! - top);
    p[t] = e;
    total += e;
  }
  const inverse = 1 / total;
  for (let t = 0; t < n; t++) p[t]! *= inverse;
}

/** Forward: `out` (`[N, H, Dv]`, zero-filled by the caller) gets the attention of every node in range. */
export function segmentAttentionImpl(
  query: Float32Array,
  key: Float32Array,
  value: Float32Array,
  ids: Int32Array,
  dims: SegmentAttentionDims,
  out: Float32Array,
): void {
  const { heads, valueDim, numSegments } = dims;
  const { order, starts, largest } = segmentGroups(ids, numSegments);
  const drop = pairDropout(dims);
  const p = new Float64Array(largest);
  const acc = new Float64Array(valueDim);
  for (let s = 0; s < numSegments; s++) {
    const first = starts[s]!;
    const n = starts[s + 1]! - first;
    for (let a = 0; a < n; a++) {
      const i = order[first + a]!;
      for (let h = 0; h < heads; h++) {
        rowProbabilities(query, key, order, first, n, i, h, dims, p);
        acc.fill(0);
        for (let t = 0; t < n; t++) {
          const j = order[first + t]!;
          const w = drop === undefined ? p[t]! : p[t]! * pairFactor(drop, dims, i, j, h);
          if (w === 0) continue;
          const v0 = (j * heads + h) * valueDim;
          for (let c = 0; c < valueDim; c++) acc[c]! += w * value[v0 + c]!;
        }
        const o0 = (i * heads + h) * valueDim;
        for (let c = 0; c < valueDim; c++) out[o0 + c] = acc[c]!;
      }
    }
  }
}

/**
 * Backward, one query row at a time (queries in segment order, keys in
 * segment order, so sums are deterministic): `dQuery`, `dKey`, `dValue`
 * must be zero-filled by the caller.
 */
export function segmentAttentionGradImpl(
  query: Float32Array,
  key: Float32Array,
  value: Float32Array,
  ids: Int32Array,
  output: Float32Array,
  dy: Float32Array,
  dims: SegmentAttentionDims,
  dQuery: Float32Array,
  dKey: Float32Array,
  dValue: Float32Array,
): void {
  const { heads, keyDim, valueDim, numSegments, scale } = dims;
  const { order, starts, largest } = segmentGroups(ids, numSegments);
  const drop = pairDropout(dims);
  const p = new Float64Array(largest);
  const dq = new Float64Array(keyDim);
  for (let s = 0; s < numSegments; s++) {
    const first = starts[s]!;
    const n = starts[s + 1]! - first;
    for (let a = 0; a < n; a++) {
      const i = order[first + a]!;
      for (let h = 0; h < heads; h++) {
        rowProbabilities(query, key, order, first, n, i, h, dims, p);
        const g0 = (i * heads + h) * valueDim;
        const q0 = (i * heads + h) * keyDim;
        let rowDot = 0;
        for (let c = 0; c < valueDim; c++) rowDot += dy[g0 + c]! * output[g0 + c]!;
        dq.fill(0);
        for (let t = 0; t < n; t++) {
          const j = order[first + t]!;
          const m = drop === undefined ? 1 : pairFactor(drop, dims, i, j, h);
          const v0 = (j * heads + h) * valueDim;
          const w = p[t]! * m;
          let dA = 0;
          for (let c = 0; c < valueDim; c++) {
            dA += dy[g0 + c]! * value[v0 + c]!;
            if (w !== 0) dValue[v0 + c] = dValue[v0 + c]! + w * dy[g0 + c]!;
          }
          const dS = p[t]! * (m * dA - rowDot) * scale;
          const k0 = (j * heads + h) * keyDim;
          for (let c = 0; c < keyDim; c++) {
            dq[c]! += dS * key[k0 + c]!;
            dKey[k0 + c] = dKey[k0 + c]! + dS * query[q0 + c]!;
          }
        }
        for (let c = 0; c < keyDim; c++) dQuery[q0 + c] = dq[c]!;
      }
    }
  }
}

/** Dims of a call from the input shapes (`query` `[N, H, Dk]`, `value` `[N, H, Dv]`) and the kernel's attributes. */
export function segmentAttentionDims(
  queryShape: readonly number[],
  valueShape: readonly number[],
  attrs: { numSegments: number; scale: number; dropoutRate: number; seed: number },
): SegmentAttentionDims {
  const [numNodes, heads, keyDim] = queryShape as [number, number, number];
  return { numNodes, heads, keyDim, valueDim: valueShape[2]!, ...attrs };
}
