/**
 * Float64 reference of the `SegmentAttention` kernel and its gradient: plain
 * loops, no tfjs. Shapes: `query`, `key` `[N, H, Dk]`, `value` `[N, H, Dv]`.
 */
import { dropoutKey, dropoutScale, dropoutThreshold, keepsEntry } from '../kernels/dropout_mask.js';
import { hostZeros, type HostTensor } from './host_tensor.js';

/** Attributes of the reference (those of the kernel). */
export interface ReferenceAttentionAttrs {
  readonly numSegments: number;
  readonly scale: number;
  readonly dropoutRate: number;
  readonly seed: number;
}

interface Layout {
  n: number;
  heads: number;
  dk: number;
  dv: number;
}

function layoutOf(query: HostTensor, value: HostTensor): Layout {
  const [n, heads, dk] = query.shape as [number, number, number];
  return { n, heads, dk, dv: value.shape[2]! };
}

/** The keys of query `i` (nodes of its segment, in index order); empty when its id is out of range. */
function keysOf(ids: Int32Array, i: number, numSegments: number): number[] {
  const s = ids[i]!;
  if (s < 0 || s >= numSegments) return [];
  const keys: number[] = [];
  ids.forEach((t, j) => {
    if (t === s) keys.push(j);
  });
  return keys;
}

/** Softmax probabilities of query `i`, head `h`, over `keys`, and the dropout factor of each. */
function row(
  query: HostTensor,
  key: HostTensor,
  layout: Layout,
  attrs: ReferenceAttentionAttrs,
  i: number,
  h: number,
  keys: readonly number[],
): { p: number[]; m: number[] } {
  const { n, heads, dk } = layout;
  const scores = keys.map((j) => {
    let dot = 0;
    for (let c = 0; c < dk; c++) dot += query.data[(i * heads + h) * dk + c]! * key.data[(j * heads + h) * dk + c]!;
    return attrs.scale * dot;
  });
  const top = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - top));
  const total = e.reduce((a, b) => a + b, 0);
  const dropKey = dropoutKey(attrs.seed);
  const threshold = dropoutThreshold(attrs.dropoutRate);
  const factor = dropoutScale(attrs.dropoutRate);
  const m = keys.map((j) => {
    if (attrs.dropoutRate === 0) return 1;
    const index = (Math.imul(Math.imul(i, n) + j, heads) + h) >>> 0;
    return keepsEntry(dropKey, threshold, index) ? factor : 0;
  });
  return { p: e.map((v) => v / total), m };
}

/** `out[i, h] = Σ_{j in seg(i)} softmax_j(scale·⟨q_ih, k_jh⟩) · m_ijh · v_jh`. */
export function segmentAttentionReference(
  query: HostTensor,
  key: HostTensor,
  value: HostTensor,
  ids: Int32Array,
  attrs: ReferenceAttentionAttrs,
): HostTensor {
  const layout = layoutOf(query, value);
  const { n, heads, dv } = layout;
  const out = hostZeros([n, heads, dv]);
  for (let i = 0; i < n; i++) {
    const keys = keysOf(ids, i, attrs.numSegments);
    if (keys.length === 0) continue;
    for (let h = 0; h < heads; h++) {
      const { p, m } = row(query, key, layout, attrs, i, h, keys);
      keys.forEach((j, t) => {
        for (let c = 0; c < dv; c++) out.data[(i * heads + h) * dv + c]! += p[t]! * m[t]! * value.data[(j * heads + h) * dv + c]!;
      });
    }
  }
  return out;
}

/** Gradients of {@link segmentAttentionReference} w.r.t. `query`, `key` and `value` for an upstream `dy`. */
export function segmentAttentionGradReference(
  query: HostTensor,
  key: HostTensor,
  value: HostTensor,
  ids: Int32Array,
  attrs: ReferenceAttentionAttrs,
  dy: HostTensor,
): { query: HostTensor; key: HostTensor; value: HostTensor } {
  const layout = layoutOf(query, value);
  const { n, heads, dk, dv } = layout;
  const dq = hostZeros(query.shape);
  const dkey = hostZeros(key.shape);
  const dval = hostZeros(value.shape);
  const vAt = (j: number, h: number, c: number): number => value.data[(j * heads + h) * dv + c]!;
  const gAt = (i: number, h: number, c: number): number => dy.data[(i * heads + h) * dv + c]!;
  for (let i = 0; i < n; i++) {
    const keys = keysOf(ids, i, attrs.numSegments);
    if (keys.length === 0) continue;
    for (let h = 0; h < heads; h++) {
      const { p, m } = row(query, key, layout, attrs, i, h, keys);
      // dA_ij = ⟨dy_i, v_j⟩; the softmax backward needs Σ_j P_ij · m_ij · dA_ij.
      const dA = keys.map((j) => {
        let dot = 0;
        for (let c = 0; c < dv; c++) dot += gAt(i, h, c) * vAt(j, h, c);
        return dot;
      });
      const rowDot = keys.reduce((acc, _j, t) => acc + p[t]! * m[t]! * dA[t]!, 0);
      keys.forEach((j, t) => {
        for (let c = 0; c < dv; c++) dval.data[(j * heads + h) * dv + c]! += p[t]! * m[t]! * gAt(i, h, c);
        const dS = p[t]! * (m[t]! * dA[t]! - rowDot) * attrs.scale;
        for (let c = 0; c < dk; c++) {
          dq.data[(i * heads + h) * dk + c]! += dS * key.data[(j * heads + h) * dk + c]!;
          dkey.data[(j * heads + h) * dk + c]! += dS * query.data[(i * heads + h) * dk + c]!;
        }
      });
    }
  }
  return { query: dq, key: dkey, value: dval };
}
