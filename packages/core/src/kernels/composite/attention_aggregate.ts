import { expandDims, ones, reshape, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import {
  AdditiveAttentionGrad,
  SegmentSoftmaxGrad,
  type AttentionAggregateAttrs,
  type GatAttentionAttrs,
} from '../kernel_names.js';
import { additiveAttention } from '../../ops/additive_attention.js';
import { seededDropout } from '../../ops/dropout.js';
import { runGnnKernel } from '../../ops/run_kernel.js';
import { sddmm } from '../../ops/sddmm.js';
import { segmentSoftmax } from '../../ops/segment_softmax.js';
import { spmm } from '../../ops/spmm.js';
import { reverseEdges } from '../../gradients/reverse_edges.js';
import { edgeEndpoints } from './edge_endpoints.js';

/**
 * The composites of the fused attention kernels, written as the op chains
 * they replace (`segmentSoftmax` → `seededDropout` → `spmm`, and the
 * gradients tfjs computes for that chain, in the same order), so that on a
 * backend without fused kernels a layer gives the numbers it gave before.
 */

/** The attention coefficients after dropout (the weights of the aggregation) and before. */
function coefficients(edgeIndex: Tensor, logits: Tensor, attrs: AttentionAggregateAttrs): { alpha: Tensor; weights: Tensor; dst: Tensor } {
  const { dst } = edgeEndpoints(edgeIndex);
  const alpha = segmentSoftmax(logits, dst, attrs.numDstNodes);
  return { alpha, weights: seededDropout(alpha, attrs.dropoutRate, attrs.seed), dst };
}

/** `spmm(edgeIndex, x, dropout(segmentSoftmax(logits)))`. */
export function softmaxAggregateOf(edgeIndex: Tensor, x: Tensor, logits: Tensor, attrs: AttentionAggregateAttrs): Tensor {
  return spmm(edgeIndex, x, coefficients(edgeIndex, logits, attrs).weights, attrs.numDstNodes);
}

/**
 * `[dx, dLogits]`: SpMM's gradients (x through the reversed edges, the
 * weights by an SDDMM dot), then dropout's and the edge softmax's.
 */
export function softmaxAggregateGradOf(edgeIndex: Tensor, x: Tensor, logits: Tensor, dy: Tensor, attrs: AttentionAggregateAttrs): Tensor[] {
  const { alpha, weights, dst } = coefficients(edgeIndex, logits, attrs);
  const [numSrc, heads, channels] = x.shape as [number, number, number];
  const dx = spmm(reverseEdges(edgeIndex), dy, weights, numSrc);
  const dWeights = sddmm(edgeIndex, reshape(x, [numSrc, heads, channels]), reshape(dy, [attrs.numDstNodes, heads, channels]), 'dot');
  const dAlpha = seededDropout(dWeights, attrs.dropoutRate, attrs.seed);
  const dLogits = runGnnKernel(SegmentSoftmaxGrad, { y: alpha, dy: dAlpha, segmentIds: dst }, { numSegments: attrs.numDstNodes });
  return [dx, dLogits];
}

/** GATConv's logits: additive attention of the scores with one channel and a weight of 1. */
export function gatLogits(edgeIndex: Tensor, scoreSrc: Tensor, scoreDst: Tensor, negativeSlope: number): Tensor {
  const heads = scoreSrc.shape[1]!;
  return additiveAttention(edgeIndex, expandDims(scoreSrc, -1), expandDims(scoreDst, -1), ones([heads, 1]), negativeSlope);
}

/** `[dx, dScoreSrc, dScoreDst]`: {@link softmaxAggregateGradOf}, then additive attention's gradient. */
export function gatAttentionGradOf(
  edgeIndex: Tensor,
  x: Tensor,
  scoreSrc: Tensor,
  scoreDst: Tensor,
  dy: Tensor,
  attrs: GatAttentionAttrs,
): Tensor[] {
  const logits = gatLogits(edgeIndex, scoreSrc, scoreDst, attrs.negativeSlope);
  const [dx, dLogits] = softmaxAggregateGradOf(edgeIndex, x, logits, dy, attrs) as [Tensor, Tensor];
  const heads = scoreSrc.shape[1]!;
  const lhs = expandDims(scoreSrc, -1);
  const rhs = expandDims(scoreDst, -1);
  const [dLhs, dRhs] = runGnnKernel(AdditiveAttentionGrad, { edgeIndex, lhs, rhs, att: ones([heads, 1]), dy: dLogits }, {
    negativeSlope: attrs.negativeSlope,
  }) as unknown as [Tensor, Tensor, Tensor];
  return [dx, reshape(dLhs, scoreSrc.shape), reshape(dRhs, scoreDst.shape)];
}

export function softmaxAggregateComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  return softmaxAggregateOf(inputs['edgeIndex']!, inputs['x']!, inputs['logits']!, attrs as unknown as AttentionAggregateAttrs);
}

export function softmaxAggregateGradComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor[] {
  return softmaxAggregateGradOf(inputs['edgeIndex']!, inputs['x']!, inputs['logits']!, inputs['dy']!, attrs as unknown as AttentionAggregateAttrs);
}

export function gatAttentionComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const a = attrs as unknown as GatAttentionAttrs;
  const edgeIndex = inputs['edgeIndex']!;
  return softmaxAggregateOf(edgeIndex, inputs['x']!, gatLogits(edgeIndex, inputs['scoreSrc']!, inputs['scoreDst']!, a.negativeSlope), a);
}

export function gatAttentionGradComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor[] {
  const a = attrs as unknown as GatAttentionAttrs;
  return gatAttentionGradOf(inputs['edgeIndex']!, inputs['x']!, inputs['scoreSrc']!, inputs['scoreDst']!, inputs['dy']!, a);
}
