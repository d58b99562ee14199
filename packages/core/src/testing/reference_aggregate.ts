/**
 * Float64 references of the fused attention kernels (`AttentionProjection`,
 * `SoftmaxAggregate`, `GatAttention`), composed from the references of the
 * ops they fuse.
 */
import { dropoutMask } from '../kernels/dropout_mask.js';
import { hostZeros, type HostTensor } from './host_tensor.js';
import {
  additiveAttentionGradReference,
  additiveAttentionReference,
  segmentSoftmaxGradReference,
  segmentSoftmaxReference,
  spmmGradReference,
  spmmReference,
  type ReferenceEdges,
} from './reference.js';

/** Attention dropout of a reference call: probability and mask seed (rate 0 = none). */
export interface ReferenceDropout {
  readonly dropoutRate: number;
  readonly seed: number;
}

/** `out[n, h] = Σ_c x[n, h, c] · att[h, c]`. */
export function attentionProjectionReference(x: HostTensor, att: HostTensor): HostTensor {
  const [n, heads, channels] = x.shape as [number, number, number];
  const out = hostZeros([n, heads]);
  for (let r = 0; r < n * heads; r++) {
    for (let c = 0; c < channels; c++) out.data[r]! += x.data[r * channels + c]! * att.data[(r % heads) * channels + c]!;
  }
  return out;
}

/** Gradients of {@link attentionProjectionReference} w.r.t. `x` and `att`. */
export function attentionProjectionGradReference(x: HostTensor, att: HostTensor, dy: HostTensor): { x: HostTensor; att: HostTensor } {
  const [n, heads, channels] = x.shape as [number, number, number];
  const dx = hostZeros(x.shape);
  const da = hostZeros(att.shape);
  for (let r = 0; r < n * heads; r++) {
    const h = r % heads;
    for (let c = 0; c < channels; c++) {
      dx.data[r * channels + c] = dy.data[r]! * att.data[h * channels + c]!;
      da.data[h * channels + c]! += dy.data[r]! * x.data[r * channels + c]!;
    }
  }
  return { x: dx, att: da };
}

/** The coefficients `α` (softmax of the logits into each target) and the aggregation weights `α · m`. */
function coefficients(edges: ReferenceEdges, logits: HostTensor, numDstNodes: number, drop: ReferenceDropout) {
  const alpha = segmentSoftmaxReference(logits, edges.dst, numDstNodes);
  const size = alpha.data.length;
  const mask = drop.dropoutRate > 0 ? dropoutMask(size, drop.dropoutRate, drop.seed) : new Float32Array(size).fill(1);
  const weights: HostTensor = { shape: alpha.shape, data: alpha.data.map((a, k) => a * mask[k]!) };
  return { weights, mask };
}

/** `out[i, h] = Σ_{e → i} softmax(logits)[e, h] · m[e, h] · x[src_e, h]`. */
export function softmaxAggregateReference(
  edges: ReferenceEdges,
  x: HostTensor,
  logits: HostTensor,
  numDstNodes: number,
  drop: ReferenceDropout,
): HostTensor {
  return spmmReference(edges, x, coefficients(edges, logits, numDstNodes, drop).weights, numDstNodes);
}

/** Gradients of {@link softmaxAggregateReference} w.r.t. `x` and `logits`. */
export function softmaxAggregateGradReference(
  edges: ReferenceEdges,
  x: HostTensor,
  logits: HostTensor,
  numDstNodes: number,
  drop: ReferenceDropout,
  dy: HostTensor,
): { x: HostTensor; logits: HostTensor } {
  const { weights, mask } = coefficients(edges, logits, numDstNodes, drop);
  const grads = spmmGradReference(edges, x, weights, dy);
  const dAlpha: HostTensor = { shape: weights.shape, data: grads.weight!.data.map((g, k) => g * mask[k]!) };
  return { x: grads.x, logits: segmentSoftmaxGradReference(logits, edges.dst, numDstNodes, dAlpha) };
}

/** One channel per head: `[N, H]` as `[N, H, 1]`, and a weight of 1 per head. */
function asChannels(scores: HostTensor): HostTensor {
  return { shape: [...scores.shape, 1], data: scores.data };
}

function unitWeights(heads: number): HostTensor {
  return { shape: [heads, 1], data: new Float64Array(heads).fill(1) };
}

/** GATConv's logits `LeakyReLU(scoreSrc[src_e] + scoreDst[dst_e])`. */
export function gatLogitsReference(edges: ReferenceEdges, scoreSrc: HostTensor, scoreDst: HostTensor, negativeSlope: number): HostTensor {
  return additiveAttentionReference(edges, asChannels(scoreSrc), asChannels(scoreDst), unitWeights(scoreSrc.shape[1]!), negativeSlope);
}

/** {@link softmaxAggregateReference} of GATConv's logits. */
export function gatAttentionReference(
  edges: ReferenceEdges,
  x: HostTensor,
  scoreSrc: HostTensor,
  scoreDst: HostTensor,
  negativeSlope: number,
  drop: ReferenceDropout,
): HostTensor {
  const logits = gatLogitsReference(edges, scoreSrc, scoreDst, negativeSlope);
  return softmaxAggregateReference(edges, x, logits, scoreDst.shape[0]!, drop);
}

/** Gradients of {@link gatAttentionReference} w.r.t. `x`, `scoreSrc` and `scoreDst`. */
export function gatAttentionGradReference(
  edges: ReferenceEdges,
  x: HostTensor,
  scoreSrc: HostTensor,
  scoreDst: HostTensor,
  negativeSlope: number,
  drop: ReferenceDropout,
  dy: HostTensor,
): { x: HostTensor; scoreSrc: HostTensor; scoreDst: HostTensor } {
  const logits = gatLogitsReference(edges, scoreSrc, scoreDst, negativeSlope);
  const grads = softmaxAggregateGradReference(edges, x, logits, scoreDst.shape[0]!, drop, dy);
  const heads = scoreSrc.shape[1]!;
  const d = additiveAttentionGradReference(edges, asChannels(scoreSrc), asChannels(scoreDst), unitWeights(heads), negativeSlope, grads.logits);
  return { x: grads.x, scoreSrc: { shape: scoreSrc.shape, data: d.lhs.data }, scoreDst: { shape: scoreDst.shape, data: d.rhs.data } };
}
