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
 * Softmax probabilities of query `i` over the `n` keys at `order[first ..]`,
 * every head at once (`p[t · H + h]`): one pass over each key's `[H, Dk]` row.
 */
function rowProbabilities(
  query: Float32Array,
  key: Float32Array,
  order: Int32Array,
  first: number,
  n: number,
  i: number,
  dims: SegmentAttentionDims,
  p: Float64Array,
  top: Float64Array,
): void {
  const { heads, keyDim, scale } = dims;
  const rowSize = heads * keyDim;
  const q0 = i * rowSize;
  top.fill(-Infinity);
  for (let t = 0; t < n; t++) {
    const k0 = order[first + t]! * rowSize;
    for (let h = 0; h < heads; h++) {
      let dot = 0;
      const base = h * keyDim;
      for (let c = base; c < base + keyDim; c++) dot += query[q0 + c]! * key[k0 + c]!;
      const s = scale * dot;
      p[t * heads + h] = s;
      if (s > top[h]!) top[h] = s;
    }
  }
  const total = top.map(() => 0);
  for (let t = 0; t < n; t++) {
    for (let h = 0; h < heads; h++) {
      const e = Math.exp(p[t * heads + h]! - top[h]!);
      p[t * heads + h] = e;
      total[h]! += e;
    }
  }
  for (let h = 0; h < heads; h++) total[h] = 1 / total[h]!;
  for (let t = 0; t < n; t++) for (let h = 0; h < heads; h++) p[t * heads + h]! *= total[h]!;
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
  const rowSize = heads * valueDim;
  const { order, starts, largest } = segmentGroups(ids, numSegments);
  const drop = pairDropout(dims);
  const p = new Float64Array(largest * heads);
  const top = new Float64Array(heads);
  const acc = new Float64Array(rowSize);
  for (let s = 0; s < numSegments; s++) {
    const first = starts[s]!;
    const n = starts[s + 1]! - first;
    for (let a = 0; a < n; a++) {
      const i = order[first + a]!;
      rowProbabilities(query, key, order, first, n, i, dims, p, top);
      acc.fill(0);
      for (let t = 0; t < n; t++) {
        const j = order[first + t]!;
        const v0 = j * rowSize;
        for (let h = 0; h < heads; h++) {
          const w = drop === undefined ? p[t * heads + h]! : p[t * heads + h]! * pairFactor(drop, dims, i, j, h);
          if (w === 0) continue;
          const base = h * valueDim;
          for (let c = base; c < base + valueDim; c++) acc[c]! += w * value[v0 + c]!;
        }
      }
      out.set(acc, i * rowSize);
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
  const keyRow = heads * keyDim;
  const valueRow = heads * valueDim;
  const { order, starts, largest } = segmentGroups(ids, numSegments);
  const drop = pairDropout(dims);
  const p = new Float64Array(largest * heads);
  const top = new Float64Array(heads);
  const rowDot = new Float64Array(heads);
  const dq = new Float64Array(keyRow);
  for (let s = 0; s < numSegments; s++) {
    const first = starts[s]!;
    const n = starts[s + 1]! - first;
    for (let a = 0; a < n; a++) {
      const i = order[first + a]!;
      rowProbabilities(query, key, order, first, n, i, dims, p, top);
      const g0 = i * valueRow;
      const q0 = i * keyRow;
      for (let h = 0; h < heads; h++) {
        let d = 0;
        for (let c = h * valueDim; c < (h + 1) * valueDim; c++) d += dy[g0 + c]! * output[g0 + c]!;
        rowDot[h] = d;
      }
      dq.fill(0);
      for (let t = 0; t < n; t++) {
        const j = order[first + t]!;
        const v0 = j * valueRow;
        const k0 = j * keyRow;
        for (let h = 0; h < heads; h++) {
          const m = drop === undefined ? 1 : pairFactor(drop, dims, i, j, h);
          const pt = p[t * heads + h]!;
          const w = pt * m;
          let dA = 0;
          const vb = h * valueDim;
          for (let c = vb; c < vb + valueDim; c++) {
            dA += dy[g0 + c]! * value[v0 + c]!;
            if (w !== 0) dValue[v0 + c] = dValue[v0 + c]! + w * dy[g0 + c]!;
          }
          const dS = pt * (m * dA - rowDot[h]!) * scale;
          const kb = h * keyDim;
          for (let c = kb; c < kb + keyDim; c++) {
            dq[c]! += dS * key[k0 + c]!;
            dKey[k0 + c] = dKey[k0 + c]! + dS * query[q0 + c]!;
          }
        }
      }
      for (let c = 0; c < keyRow; c++) dQuery[q0 + c] = dq[c]!;
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
