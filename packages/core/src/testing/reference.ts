/**
 * Float64 reference implementations of every GNN kernel and its gradient,
 * written as plain loops over `Float64Array`s with no tfjs involved, so that
 * a backend is always checked against an independent answer.
 *
 * Conventions are those of `kernel_names.ts`: edge `e` goes from `src[e]` to
 * `dst[e]`, segments reduce over rows, empty segments give 0.
 */
import { hostZeros, rowSizeOf, type HostTensor } from './host_tensor.js';

/** Reductions of the segment kernels. */
export type ReferenceReduction = 'sum' | 'mean' | 'max' | 'min';

/** `out[e] = x[indices[e]]`. */
export function gatherRowsReference(x: HostTensor, indices: Int32Array): HostTensor {
  const d = rowSizeOf(x.shape);
  const out = hostZeros([indices.length, ...x.shape.slice(1)]);
  indices.forEach((row, e) => out.data.set(x.data.subarray(row * d, (row + 1) * d), e * d));
  return out;
}

/** `out[s] = Σ_{e: ids[e] = s} data[e]`. */
export function segmentSumReference(data: HostTensor, ids: Int32Array, numSegments: number): HostTensor {
  const d = rowSizeOf(data.shape);
  const out = hostZeros([numSegments, ...data.shape.slice(1)]);
  ids.forEach((s, e) => {
    for (let f = 0; f < d; f++) out.data[s * d + f]! += data.data[e * d + f]!;
  });
  return out;
}

function segmentCounts(ids: Int32Array, numSegments: number): Float64Array {
  const counts = new Float64Array(numSegments);
  for (const s of ids) counts[s]! += 1;
  return counts;
}

/** Sum, mean, max or min over each segment; empty segments give 0. */
export function segmentReduceReference(
  reduction: ReferenceReduction,
  data: HostTensor,
  ids: Int32Array,
  numSegments: number,
): HostTensor {
  const d = rowSizeOf(data.shape);
  const out = segmentSumReference(data, ids, numSegments);
  const counts = segmentCounts(ids, numSegments);
  if (reduction === 'sum') return out;
  if (reduction === 'mean') {
    out.data.forEach((v, i) => (out.data[i] = v / Math.max(counts[Math.floor(i / d)]!, 1)));
    return out;
  }
  const better = reduction === 'max' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  const seen = new Uint8Array(numSegments);
  ids.forEach((s, e) => {
    for (let f = 0; f < d; f++) {
      const v = data.data[e * d + f]!;
      if (seen[s] === 0 || better(v, out.data[s * d + f]!)) out.data[s * d + f] = v;
    }
    seen[s] = 1;
  });
  counts.forEach((c, s) => {
    if (c === 0) out.data.fill(0, s * d, (s + 1) * d);
  });
  return out;
}

/**
 * Gradient of a segment reduction w.r.t. `data`. For max/min, `dy` goes to
 * the elements equal to the output and `k` tied elements get `dy / k` each
 * (PyG 2.6 on CPU).
 */
export function segmentReduceGradReference(
  reduction: ReferenceReduction,
  data: HostTensor,
  ids: Int32Array,
  numSegments: number,
  dy: HostTensor,
): HostTensor {
  const d = rowSizeOf(data.shape);
  const counts = segmentCounts(ids, numSegments);
  const dx = hostZeros(data.shape);
  if (reduction === 'sum' || reduction === 'mean') {
    ids.forEach((s, e) => {
      const scale = reduction === 'mean' ? 1 / Math.max(counts[s]!, 1) : 1;
      for (let f = 0; f < d; f++) dx.data[e * d + f] = dy.data[s * d + f]! * scale;
    });
    return dx;
  }
  const out = segmentReduceReference(reduction, data, ids, numSegments);
  const ties = new Float64Array(numSegments * d);
  ids.forEach((s, e) => {
    for (let f = 0; f < d; f++) if (data.data[e * d + f] === out.data[s * d + f]) ties[s * d + f]! += 1;
  });
  ids.forEach((s, e) => {
    for (let f = 0; f < d; f++) {
      if (data.data[e * d + f] === out.data[s * d + f]) dx.data[e * d + f] = dy.data[s * d + f]! / ties[s * d + f]!;
    }
  });
  return dx;
}

/** Softmax over the rows of each segment, per trailing position, via the segment maximum. */
export function segmentSoftmaxReference(logits: HostTensor, ids: Int32Array, numSegments: number): HostTensor {
  const d = rowSizeOf(logits.shape);
  const max = segmentReduceReference('max', logits, ids, numSegments);
  const y = hostZeros(logits.shape);
  ids.forEach((s, e) => {
    for (let f = 0; f < d; f++) y.data[e * d + f] = Math.exp(logits.data[e * d + f]! - max.data[s * d + f]!);
  });
  const sums = segmentSumReference(y, ids, numSegments);
  ids.forEach((s, e) => {
    for (let f = 0; f < d; f++) y.data[e * d + f]! /= sums.data[s * d + f]!;
  });
  return y;
}

/** `d logits = y · (dy − Σ_segment dy·y)`. */
export function segmentSoftmaxGradReference(
  logits: HostTensor,
  ids: Int32Array,
  numSegments: number,
  dy: HostTensor,
): HostTensor {
  const d = rowSizeOf(logits.shape);
  const y = segmentSoftmaxReference(logits, ids, numSegments);
  const products = { shape: y.shape, data: y.data.map((v, i) => v * dy.data[i]!) };
  const dots = segmentSumReference(products, ids, numSegments);
  const dx = hostZeros(logits.shape);
  ids.forEach((s, e) => {
    for (let f = 0; f < d; f++) {
      const i = e * d + f;
      dx.data[i] = y.data[i]! * (dy.data[i]! - dots.data[s * d + f]!);
    }
  });
  return dx;
}

/** Edge list of a graph: `src[e] → dst[e]`. */
export interface ReferenceEdges {
  readonly src: Int32Array;
  readonly dst: Int32Array;
}

/** `out[dst_e] += w[e] · x[src_e]`, `w: [E, ...W]` broadcast over the rest of `x`'s row. */
export function spmmReference(
  edges: ReferenceEdges,
  x: HostTensor,
  weight: HostTensor | undefined,
  numDstNodes: number,
): HostTensor {
  const d = rowSizeOf(x.shape);
  const wSize = weight === undefined ? 1 : rowSizeOf(weight.shape);
  const rest = d / wSize;
  const out = hostZeros([numDstNodes, ...x.shape.slice(1)]);
  edges.src.forEach((j, e) => {
    const i = edges.dst[e]!;
    for (let f = 0; f < d; f++) {
      const w = weight === undefined ? 1 : weight.data[e * wSize + Math.floor(f / rest)]!;
      out.data[i * d + f]! += w * x.data[j * d + f]!;
    }
  });
  return out;
}

/** Gradients of {@link spmmReference} w.r.t. `x` and (when given) `weight`. */
export function spmmGradReference(
  edges: ReferenceEdges,
  x: HostTensor,
  weight: HostTensor | undefined,
  dy: HostTensor,
): { x: HostTensor; weight: HostTensor | undefined } {
  const d = rowSizeOf(x.shape);
  const wSize = weight === undefined ? 1 : rowSizeOf(weight.shape);
  const rest = d / wSize;
  const dx = hostZeros(x.shape);
  const dw = weight === undefined ? undefined : hostZeros(weight.shape);
  edges.src.forEach((j, e) => {
    const i = edges.dst[e]!;
    for (let f = 0; f < d; f++) {
      const k = e * wSize + Math.floor(f / rest);
      const w = weight === undefined ? 1 : weight.data[k]!;
      dx.data[j * d + f]! += w * dy.data[i * d + f]!;
      if (dw !== undefined) dw.data[k]! += x.data[j * d + f]! * dy.data[i * d + f]!;
    }
  });
  return { x: dx, weight: dw };
}

/** Binary operations of the SDDMM kernel. */
export type ReferenceSddmmOp = 'add' | 'mul' | 'dot';

/** Per-edge `lhs[src] ⊕ rhs[dst]`; `'dot'` sums over the last axis. */
export function sddmmReference(
  edges: ReferenceEdges,
  lhs: HostTensor,
  rhs: HostTensor,
  op: ReferenceSddmmOp,
): HostTensor {
  const d = rowSizeOf(lhs.shape);
  const numEdges = edges.src.length;
  if (op === 'dot') {
    const c = lhs.shape[lhs.shape.length - 1]!;
    const out = hostZeros([numEdges, ...lhs.shape.slice(1, -1)]);
    edges.src.forEach((j, e) => {
      const i = edges.dst[e]!;
      for (let f = 0; f < d; f++) out.data[(e * d + f - (f % c)) / c]! += lhs.data[j * d + f]! * rhs.data[i * d + f]!;
    });
    return out;
  }
  const out = hostZeros([numEdges, ...lhs.shape.slice(1)]);
  edges.src.forEach((j, e) => {
    const i = edges.dst[e]!;
    for (let f = 0; f < d; f++) {
      const a = lhs.data[j * d + f]!;
      const b = rhs.data[i * d + f]!;
      out.data[e * d + f] = op === 'add' ? a + b : a * b;
    }
  });
  return out;
}

/** Gradients of {@link sddmmReference} w.r.t. `lhs` and `rhs`. */
export function sddmmGradReference(
  edges: ReferenceEdges,
  lhs: HostTensor,
  rhs: HostTensor,
  op: ReferenceSddmmOp,
  dy: HostTensor,
): { lhs: HostTensor; rhs: HostTensor } {
  const d = rowSizeOf(lhs.shape);
  const c = op === 'dot' ? lhs.shape[lhs.shape.length - 1]! : 1;
  const dl = hostZeros(lhs.shape);
  const dr = hostZeros(rhs.shape);
  edges.src.forEach((j, e) => {
    const i = edges.dst[e]!;
    for (let f = 0; f < d; f++) {
      const g = op === 'dot' ? dy.data[(e * d + f - (f % c)) / c]! : dy.data[e * d + f]!;
      dl.data[j * d + f]! += op === 'add' ? g : g * rhs.data[i * d + f]!;
      dr.data[i * d + f]! += op === 'add' ? g : g * lhs.data[j * d + f]!;
    }
  });
  return { lhs: dl, rhs: dr };
}

/** Gradient of {@link gatherRowsReference} w.r.t. `x`: a segment sum back to the picked rows. */
export function gatherRowsGradReference(x: HostTensor, indices: Int32Array, dy: HostTensor): HostTensor {
  return segmentSumReference(dy, indices, x.shape[0]!);
}


function leakyRelu(z: number, negativeSlope: number): number {
  return z > 0 ? z : negativeSlope * z;
}

/** True when edge `e` has both endpoints among the rows of `lhs` and `rhs`. */
function edgeInRange(edges: ReferenceEdges, e: number, lhs: HostTensor, rhs: HostTensor): boolean {
  const j = edges.src[e]!;
  const i = edges.dst[e]!;
  return j >= 0 && j < lhs.shape[0]! && i >= 0 && i < rhs.shape[0]!;
}

/**
 * `out[e, h] = Σ_c att[h, c] · LeakyReLU(lhs[src_e, h, c] + rhs[dst_e, h, c])`
 * for `lhs: [Nsrc, H, C]`, `rhs: [Ndst, H, C]`, `att: [H, C]`; edges with an
 * endpoint out of range give 0.
 */
export function additiveAttentionReference(
  edges: ReferenceEdges,
  lhs: HostTensor,
  rhs: HostTensor,
  att: HostTensor,
  negativeSlope: number,
): HostTensor {
  const [heads, channels] = att.shape as [number, number];
  const d = heads * channels;
  const out = hostZeros([edges.src.length, heads]);
  edges.src.forEach((j, e) => {
    if (!edgeInRange(edges, e, lhs, rhs)) return;
    const i = edges.dst[e]!;
    for (let f = 0; f < d; f++) {
      const z = lhs.data[j * d + f]! + rhs.data[i * d + f]!;
      out.data[e * heads + Math.floor(f / channels)]! += att.data[f]! * leakyRelu(z, negativeSlope);
    }
  });
  return out;
}

/**
 * Gradients of {@link additiveAttentionReference} w.r.t. `lhs`, `rhs` and
 * `att`. At the kink (`z = 0`) LeakyReLU's derivative is `negativeSlope`, as
 * in tfjs and PyTorch.
 */
export function additiveAttentionGradReference(
  edges: ReferenceEdges,
  lhs: HostTensor,
  rhs: HostTensor,
  att: HostTensor,
  negativeSlope: number,
  dy: HostTensor,
): { lhs: HostTensor; rhs: HostTensor; att: HostTensor } {
  const [heads, channels] = att.shape as [number, number];
  const d = heads * channels;
  const dl = hostZeros(lhs.shape);
  const dr = hostZeros(rhs.shape);
  const da = hostZeros(att.shape);
  edges.src.forEach((j, e) => {
    if (!edgeInRange(edges, e, lhs, rhs)) return;
    const i = edges.dst[e]!;
    for (let f = 0; f < d; f++) {
      const g = dy.data[e * heads + Math.floor(f / channels)]!;
      const z = lhs.data[j * d + f]! + rhs.data[i * d + f]!;
      const dz = g * att.data[f]! * (z > 0 ? 1 : negativeSlope);
      dl.data[j * d + f]! += dz;
      dr.data[i * d + f]! += dz;
      da.data[f]! += g * leakyRelu(z, negativeSlope);
    }
  });
  return { lhs: dl, rhs: dr, att: da };
}
