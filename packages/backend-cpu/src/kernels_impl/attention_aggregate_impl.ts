/**
 * The fused attention kernels `SoftmaxAggregate` and `GatAttention` and their
 * backward passes, one target node at a time over its edges (a
 * {@link TargetOrder}): logits, the target's maximum, the numerators and
 * their sum, then the coefficients, their dropout and the weighted sum of
 * source rows, with scratch of one target's edges only. Every rounding is the
 * one the unfused kernels make (`segmentSoftmaxImpl`, `dropoutImpl`,
 * `spmmImpl`; `additiveAttentionImpl` for GAT's logits), in the same order,
 * so the forward pass gives their numbers bit for bit. The backward pass
 * recomputes the coefficients instead of keeping them. The wasm backend runs
 * them where its SIMD module cannot; the cpu backend leaves both kernels to
 * their composites (fused in JavaScript they saved nothing: apps/bench/LEVERS.md).
 */
import { dropoutKey, dropoutScale, dropoutThreshold, keepsEntry } from '@gnnjs/core';
import type { TargetOrder } from './target_order.js';

export interface AttentionAggregateDims {
  numSrcNodes: number;
  numDstNodes: number;
  heads: number;
  channels: number;
}

/** `x: [Ns, H, C]` and the output rows: the loop sizes. */
export function attentionAggregateDims(xShape: readonly number[], numDstNodes: number): AttentionAggregateDims {
  return { numSrcNodes: xShape[0]!, numDstNodes, heads: xShape[1]!, channels: xShape[2]! };
}

/** Where the logits come from: an `[E, H]` array (`SoftmaxAggregate`) or GATConv's node scores (`GatAttention`). */
export type LogitSource =
  | { readonly logits: Float32Array }
  | { readonly scoreSrc: Float32Array; readonly scoreDst: Float32Array; readonly negativeSlope: number };

/** Attention dropout: probability in `[0, 1)` (0 = none) and mask seed. */
export interface AggregateDropout {
  readonly rate: number;
  readonly seed: number;
}

/** Per-call constants and one target's scratch. */
class Target {
  readonly heads: number;
  /** Logits, then numerators, then coefficients of the target's edges (`[degree, H]`; float32 values). */
  readonly values: Float64Array;
  readonly maxima: Float64Array;
  /** Float32 so that every addition rounds as the unfused softmax's sums do. */
  readonly sums: Float32Array;
  readonly dropping: boolean;
  readonly key: number;
  readonly threshold: number;
  readonly scale: number;
  private readonly logits: Float32Array | null;
  private readonly scoreSrc: Float32Array | null;
  private readonly scoreDst: Float32Array | null;
  /** LeakyReLU's slope by `+(z > 0)`, as additiveAttentionImpl indexes it. */
  readonly slopes: Float64Array;

  constructor(source: LogitSource, heads: number, maxDegree: number, drop: AggregateDropout) {
    this.heads = heads;
    this.values = new Float64Array(maxDegree * heads);
    this.maxima = new Float64Array(heads);
    this.sums = new Float32Array(heads);
    this.dropping = drop.rate > 0;
    this.key = dropoutKey(drop.seed);
    this.threshold = dropoutThreshold(drop.rate);
    this.scale = dropoutScale(drop.rate);
    if ('logits' in source) {
      this.logits = source.logits;
      this.scoreSrc = null;
      this.scoreDst = null;
      this.slopes = Float64Array.of(1, 1);
    } else {
      this.logits = null;
      this.scoreSrc = source.scoreSrc;
      this.scoreDst = source.scoreDst;
      this.slopes = Float64Array.of(source.negativeSlope, 1);
    }
  }

  /**
   * The coefficients `α` of target `i`'s edges `order[t0 .. t1)` into
   * `values` (the edge softmax, rounded as segmentSoftmaxImpl rounds).
   */
  softmax(src: Int32Array, order: Int32Array, t0: number, t1: number, i: number): void {
    const h = this.heads;
    const { values, maxima, sums, slopes } = this;
    maxima.fill(-Infinity);
    sums.fill(0);
    const logits = this.logits;
    if (logits !== null) {
      for (let t = t0; t < t1; t++) {
        const lo = order[t]! * h;
        const k = (t - t0) * h;
        for (let q = 0; q < h; q++) {
          const l = logits[lo + q]!;
          values[k + q] = l;
          maxima[q] = Math.max(maxima[q]!, l);
        }
      }
    } else {
      const scoreSrc = this.scoreSrc!;
      const scoreDst = this.scoreDst!;
      const dOff = i * h;
      for (let t = t0; t < t1; t++) {
        const sOff = src[order[t]!]! * h;
        const k = (t - t0) * h;
        for (let q = 0; q < h; q++) {
          const z = scoreSrc[sOff + q]! + scoreDst[dOff + q]!;
          const l = Math.fround(z * slopes[+(z > 0)]!);
          values[k + q] = l;
          maxima[q] = Math.max(maxima[q]!, l);
        }
      }
    }
    const n = (t1 - t0) * h;
    for (let k = 0; k < n; k += h) {
      for (let q = 0; q < h; q++) {
        const z = Math.fround(Math.exp(values[k + q]! - maxima[q]!));
        values[k + q] = z;
        sums[q] = sums[q]! + z;
      }
    }
    for (let k = 0; k < n; k += h) {
      for (let q = 0; q < h; q++) values[k + q] = Math.fround(values[k + q]! / sums[q]!);
    }
  }

  /** The aggregation weight of coefficient `a` at flat entry `index`: `a` after dropout, as dropoutImpl computes it. */
  weight(a: number, index: number): number {
    if (!this.dropping || a === 0) return a;
    return Math.fround(a * (keepsEntry(this.key, this.threshold, index) ? this.scale : 0));
  }
}

/** `out[i, h] = Σ_{e → i} dropout(softmax(logits))[e, h] · x[src_e, h]`; `out` is overwritten. */
export function attentionAggregateImpl(
  src: Int32Array,
  target: TargetOrder,
  x: Float32Array,
  source: LogitSource,
  dims: AttentionAggregateDims,
  drop: AggregateDropout,
  out: Float32Array,
): void {
  out.fill(0);
  const h = dims.heads | 0;
  const c = dims.channels | 0;
  const rowSize = (h * c) | 0;
  const { order, start } = target;
  const scratch = new Target(source, h, target.maxDegree, drop);
  const values = scratch.values;
  for (let i = 0; i < dims.numDstNodes; i++) {
    const t0 = start[i]!;
    const t1 = start[i + 1]!;
    if (t0 === t1) continue;
    scratch.softmax(src, order, t0, t1, i);
    const oo = i * rowSize;
    for (let t = t0; t < t1; t++) {
      const e = order[t]!;
      const xo = src[e]! * rowSize;
      const k = (t - t0) * h;
      for (let q = 0; q < h; q++) {
        const w = scratch.weight(values[k + q]!, e * h + q);
        const base = q * c;
        for (let p = 0; p < c; p++) out[oo + base + p] = out[oo + base + p]! + w * x[xo + base + p]!;
      }
    }
  }
}

/** Where the backward pass writes the logit gradient: per edge, or into GATConv's node scores. */
export type LogitGradient = { readonly dLogits: Float32Array } | { readonly dScoreSrc: Float32Array; readonly dScoreDst: Float32Array };

/**
 * Backward of {@link attentionAggregateImpl} for `dy` (`[Nd, H, C]`): `dx`
 * (`[Ns, H, C]`) and the logit gradient, every output overwritten. Per target
 * `i`: `g = m · ⟨dy_i, x_j⟩`, `D = Σ α g`, `dLogit = α (g − D)`, and `dx_j +=
 * α m dy_i`; for GAT's scores the logit gradient times LeakyReLU's slope goes
 * to both endpoints' scores.
 */
export function attentionAggregateGradImpl(
  src: Int32Array,
  target: TargetOrder,
  x: Float32Array,
  source: LogitSource,
  dims: AttentionAggregateDims,
  drop: AggregateDropout,
  dy: Float32Array,
  dx: Float32Array,
  grad: LogitGradient,
): void {
  dx.fill(0);
  const h = dims.heads | 0;
  const c = dims.channels | 0;
  const rowSize = (h * c) | 0;
  const { order, start } = target;
  const scratch = new Target(source, h, target.maxDegree, drop);
  const values = scratch.values;
  const slopes = scratch.slopes;
  const gAlpha = new Float64Array(values.length);
  const dots = new Float32Array(h);
  const dLogits = 'dLogits' in grad ? grad.dLogits : null;
  const dScoreSrc = 'dScoreSrc' in grad ? grad.dScoreSrc : null;
  const dScoreDst = 'dScoreDst' in grad ? grad.dScoreDst : null;
  dLogits?.fill(0);
  dScoreSrc?.fill(0);
  dScoreDst?.fill(0);
  const scoreSrc = 'scoreSrc' in source ? source.scoreSrc : null;
  const scoreDst = 'scoreDst' in source ? source.scoreDst : null;
  for (let i = 0; i < dims.numDstNodes; i++) {
    const t0 = start[i]!;
    const t1 = start[i + 1]!;
    if (t0 === t1) continue;
    scratch.softmax(src, order, t0, t1, i);
    dots.fill(0);
    const io = i * rowSize;
    for (let t = t0; t < t1; t++) {
      const e = order[t]!;
      const xo = src[e]! * rowSize;
      const k = (t - t0) * h;
      for (let q = 0; q < h; q++) {
        const a = values[k + q]!;
        const base = q * c;
        // The weight's gradient, ⟨x_j, dy_i⟩, rounded as sddmmImpl's 'dot'; then dropout's.
        let acc = 0;
        for (let p = 0; p < c; p++) acc += x[xo + base + p]! * dy[io + base + p]!;
        const g = scratch.weight(Math.fround(acc), e * h + q);
        gAlpha[k + q] = g;
        dots[q] = dots[q]! + Math.fround(g * a);
        const w = scratch.weight(a, e * h + q);
        for (let p = 0; p < c; p++) dx[xo + base + p] = dx[xo + base + p]! + w * dy[io + base + p]!;
      }
    }
    for (let t = t0; t < t1; t++) {
      const e = order[t]!;
      const k = (t - t0) * h;
      if (dLogits !== null) {
        for (let q = 0; q < h; q++) dLogits[e * h + q] = values[k + q]! * Math.fround(gAlpha[k + q]! - dots[q]!);
        continue;
      }
      const sOff = src[e]! * h;
      const dOff = i * h;
      for (let q = 0; q < h; q++) {
        const dl = Math.fround(values[k + q]! * Math.fround(gAlpha[k + q]! - dots[q]!));
        const z = scoreSrc![sOff + q]! + scoreDst![dOff + q]!;
        const dz = dl * slopes[+(z > 0)]!;
        dScoreSrc![sOff + q] = dScoreSrc![sOff + q]! + dz;
        dScoreDst![dOff + q] = dScoreDst![dOff + q]! + dz;
      }
    }
  }
}
