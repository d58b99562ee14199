/**
 * Names, inputs and attributes of the GNN kernels, in the style of tfjs-core's
 * `kernel_names.ts`. Every name is prefixed with `Gnn` so it can never clash
 * with a kernel that tfjs itself registers.
 *
 * Conventions shared by all kernels:
 * - `edgeIndex` is an int32 tensor of shape `[2, E]`; row 0 holds the source
 *   node `j` of each edge, row 1 its target `i` (PyG's `source_to_target`).
 * - `segmentIds` is an int32 tensor of shape `[E]` with values in
 *   `[0, numSegments)`; segments need not be sorted or contiguous.
 * - Empty segments reduce to 0 (PyG's `scatter` convention).
 */
import type { NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { AdamStep } from '../optim/adam_step_kernel.js';
import { DropoutMatMul } from './dropout_matmul_kernel.js';

/** Rows of `x` picked by `indices`: `out[e] = x[indices[e]]`. */
export const GatherRows = 'GnnGatherRows';
export type GatherRowsInputs = Pick<NamedTensorInfoMap, 'x' | 'indices'>;
export interface GatherRowsAttrs {}

/** `out[s] = Σ_{e: segmentIds[e] = s} data[e]`, shape `[numSegments, ...data.shape[1:]]`. */
export const SegmentSum = 'GnnSegmentSum';
/** Like {@link SegmentSum}, divided by the segment's size (0 for empty segments). */
export const SegmentMean = 'GnnSegmentMean';
/** Element-wise maximum over each segment (0 for empty segments). */
export const SegmentMax = 'GnnSegmentMax';
/** Element-wise minimum over each segment (0 for empty segments). */
export const SegmentMin = 'GnnSegmentMin';
export type SegmentReduceInputs = Pick<NamedTensorInfoMap, 'data' | 'segmentIds'>;
export interface SegmentReduceAttrs {
  numSegments: number;
}
export type SegmentSumInputs = SegmentReduceInputs;
export type SegmentSumAttrs = SegmentReduceAttrs;
export type SegmentMeanInputs = SegmentReduceInputs;
export type SegmentMeanAttrs = SegmentReduceAttrs;
export type SegmentMaxInputs = SegmentReduceInputs;
export type SegmentMaxAttrs = SegmentReduceAttrs;
export type SegmentMinInputs = SegmentReduceInputs;
export type SegmentMinAttrs = SegmentReduceAttrs;

/**
 * Edge softmax: softmax of `logits` (`[E, ...F]`) over the edges of each
 * segment, independently for every trailing position (e.g. every head).
 * Output has the shape of `logits`.
 */
export const SegmentSoftmax = 'GnnSegmentSoftmax';
export type SegmentSoftmaxInputs = Pick<NamedTensorInfoMap, 'logits' | 'segmentIds'>;
export interface SegmentSoftmaxAttrs {
  numSegments: number;
}

/**
 * Backward of {@link SegmentSoftmax} from its output `y` and upstream gradient
 * `dy` (both `[E, ...F]`): `d logits = y · (dy − Σ_{segment} dy · y)`. One
 * fused pass keeps the `[E, ...F]` intermediates of that formula (four of
 * them) from ever existing. Not in {@link GNN_KERNEL_NAMES}: only the gradient
 * of `SegmentSoftmax` runs it, and its conformance cases check it.
 */
export const SegmentSoftmaxGrad = 'GnnSegmentSoftmaxGrad';
export type SegmentSoftmaxGradInputs = Pick<NamedTensorInfoMap, 'y' | 'dy' | 'segmentIds'>;
export type SegmentSoftmaxGradAttrs = SegmentSoftmaxAttrs;

/**
 * Sparse × dense product (weighted neighbour aggregation):
 * `out[dst_e] += weight[e] * x[src_e]`, output `[numDstNodes, ...x.shape[1:]]`.
 *
 * `x` is `[numSrcNodes, ...F]`. `weight` is optional (all ones when absent) and
 * has shape `[E, ...W]` where `W` is a prefix of `F`; it broadcasts over the
 * remaining trailing axes. The multi-head case is `x: [N, H, C]`,
 * `weight: [E, H]`: `out[dst, h, :] += w[e, h] * x[src, h, :]`.
 */
export const SpMM = 'GnnSpMM';
export type SpMMInputs = Pick<NamedTensorInfoMap, 'edgeIndex' | 'x'> & { weight?: TensorInfo };
export interface SpMMAttrs {
  numDstNodes: number;
}

/** Binary operation applied by {@link SDDMM} between source and target rows. */
export type SDDMMOp = 'add' | 'mul' | 'dot';

/**
 * Sampled dense-dense operation: per-edge values from source and target node
 * features. `lhs` is `[numSrcNodes, ...F]`, `rhs` is `[numDstNodes, ...F]`.
 * - `'add'`: `out[e] = lhs[src_e] + rhs[dst_e]`, shape `[E, ...F]`
 * - `'mul'`: `out[e] = lhs[src_e] * rhs[dst_e]`, shape `[E, ...F]`
 * - `'dot'`: `out[e] = Σ_c lhs[src_e, ..., c] * rhs[dst_e, ..., c]`, shape `[E, ...F[:-1]]`
 */
export const SDDMM = 'GnnSDDMM';
export type SDDMMInputs = Pick<NamedTensorInfoMap, 'edgeIndex' | 'lhs' | 'rhs'>;
export interface SDDMMAttrs {
  op: SDDMMOp;
}

/**
 * Fused additive (GATv2) attention logits: per edge and head,
 * `out[e, h] = Σ_c att[h, c] · LeakyReLU(lhs[src_e, h, c] + rhs[dst_e, h, c])`.
 * `lhs` is `[numSrcNodes, H, C]`, `rhs` is `[numDstNodes, H, C]`, `att` is
 * `[H, C]`; the output is `[E, H]`. Edges with an endpoint outside the node
 * range give 0. A fused kernel never builds the `[E, H, C]` sum.
 */
export const AdditiveAttention = 'GnnAdditiveAttention';
export type AdditiveAttentionInputs = Pick<NamedTensorInfoMap, 'edgeIndex' | 'lhs' | 'rhs' | 'att'>;
export interface AdditiveAttentionAttrs {
  /** Slope of LeakyReLU for negative inputs (PyG's `negative_slope`). */
  negativeSlope: number;
}

/**
 * Backward of {@link AdditiveAttention} for an upstream gradient `dy`
 * (`[E, H]`): three outputs, `[dLhs, dRhs, dAtt]`, of the shapes of `lhs`,
 * `rhs` and `att`. With `z = lhs[src_e] + rhs[dst_e]`,
 * `dLhs[src_e] += dy[e, h] · att[h, c] · LeakyReLU'(z)` (the same for
 * `dRhs[dst_e]`) and `dAtt[h, c] += dy[e, h] · LeakyReLU(z)`, accumulated in
 * edge order so the result is deterministic; `LeakyReLU'(0)` is the negative
 * slope, as in tfjs and PyTorch. Edges out of range contribute nothing.
 *
 * Not in {@link GNN_KERNEL_NAMES}: no op calls it, only the gradient of
 * {@link AdditiveAttention}, whose conformance cases check it, and a backend
 * without it still runs that gradient correctly through the composite default.
 */
export const AdditiveAttentionGrad = 'GnnAdditiveAttentionGrad';
export type AdditiveAttentionGradInputs = Pick<NamedTensorInfoMap, 'edgeIndex' | 'lhs' | 'rhs' | 'att' | 'dy'>;
export type AdditiveAttentionGradAttrs = AdditiveAttentionAttrs;

/**
 * Inverted dropout with a counter-based mask (see `seededDropout`):
 * `out[i] = x[i] · mask[i]`, `mask[i]` = `1 / (1 − rate)` when
 * `hash32(hash32(i) ^ key(seed)) >>> 1 ≥ ⌊rate · 2³¹⌋`, else 0 (kernels/dropout_mask.ts).
 * Output has the shape of `x`. Its gradient is the same kernel applied to `dy`.
 */
export const Dropout = 'GnnDropout';
export type DropoutInputs = Pick<NamedTensorInfoMap, 'x'>;
export interface DropoutAttrs {
  /** Probability of zeroing an entry, in `[0, 1)`. */
  rate: number;
  /** Unsigned 32-bit seed; with the entry's index it decides the entry's fate. */
  seed: number;
}

/**
 * Multi-head self-attention within segments (GraphGPS's global attention over
 * each graph of a batch, without padding to a dense batch): for every node
 * `i` with segment `s = segmentIds[i]` and head `h`,
 * `a_ij = softmax_{j: segmentIds[j] = s}(scale · ⟨query[i, h], key[j, h]⟩) · m_ijh`,
 * `out[i, h] = Σ_j a_ij · value[j, h]`, where `m_ijh` is the attention
 * dropout factor (1 without dropout; with it, `1 / (1 − rate)` or 0 by
 * `keepsEntry(dropoutKey(seed), dropoutThreshold(rate), (i·N + j)·H + h)`
 * with uint32 wrap-around, the rule of {@link Dropout}).
 *
 * `query` and `key` are `[N, H, Dk]`, `value` `[N, H, Dv]`, `segmentIds`
 * int32 `[N]` (unsorted allowed); the output is `[N, H, Dv]`. A node whose id
 * lies outside `[0, numSegments)` attends to nothing and is attended by
 * nothing: its output is 0. Cost O(Σ_s n_s² · H · (Dk + Dv)), never the
 * O(S · max n_s²) of a padded dense batch.
 */
export const SegmentAttention = 'GnnSegmentAttention';
export type SegmentAttentionInputs = Pick<NamedTensorInfoMap, 'query' | 'key' | 'value' | 'segmentIds'>;
export interface SegmentAttentionAttrs {
  numSegments: number;
  /** Factor of the scores, usually `1 / sqrt(Dk)`. */
  scale: number;
  /** Attention dropout probability in `[0, 1)`; 0 = none. */
  dropoutRate: number;
  /** Unsigned 32-bit seed of the dropout mask (ignored when `dropoutRate` is 0). */
  seed: number;
}

/**
 * Backward of {@link SegmentAttention} for an upstream gradient `dy` (`[N, H,
 * Dv]`), given the forward `output`: three outputs `[dQuery, dKey, dValue]`.
 * With `P` the softmax, `A = P · m`, `D_i = ⟨dy_i, output_i⟩` per head:
 * `dValue[j] += A_ij · dy_i`, `dS_ij = P_ij · (m_ij · ⟨dy_i, value_j⟩ − D_i)`,
 * `dQuery[i] = scale · Σ_j dS_ij · key[j]`, `dKey[j] += scale · dS_ij · query[i]`,
 * accumulated in a fixed order so the result is deterministic. Not in
 * {@link GNN_KERNEL_NAMES}: only the gradient of `SegmentAttention` runs it.
 */
export const SegmentAttentionGrad = 'GnnSegmentAttentionGrad';
export type SegmentAttentionGradInputs = Pick<NamedTensorInfoMap, 'query' | 'key' | 'value' | 'segmentIds' | 'output' | 'dy'>;
export type SegmentAttentionGradAttrs = SegmentAttentionAttrs;

/**
 * Per-node attention scores of every head (GATConv's `a_srcᵀ Θx_j` and
 * `a_dstᵀ Θx_i`): `out[n, h] = Σ_c x[n, h, c] · att[h, c]`. `x` is
 * `[N, H, C]`, `att` `[H, C]`; the output is `[N, H]`.
 */
export const AttentionProjection = 'GnnAttentionProjection';
export type AttentionProjectionInputs = Pick<NamedTensorInfoMap, 'x' | 'att'>;
export interface AttentionProjectionAttrs {}

/**
 * Backward of {@link AttentionProjection} for an upstream gradient `dy`
 * (`[N, H]`): `[dx, dAtt]` with `dx[n, h, c] = dy[n, h] · att[h, c]` and
 * `dAtt[h, c] = Σ_n dy[n, h] · x[n, h, c]` (summed in node order). Not in
 * {@link GNN_KERNEL_NAMES}: only the gradient of `AttentionProjection` runs it.
 */
export const AttentionProjectionGrad = 'GnnAttentionProjectionGrad';
export type AttentionProjectionGradInputs = Pick<NamedTensorInfoMap, 'x' | 'att' | 'dy'>;
export type AttentionProjectionGradAttrs = AttentionProjectionAttrs;

/** Attributes shared by the fused attention aggregations ({@link SoftmaxAggregate}, {@link GatAttention}). */
export interface AttentionAggregateAttrs {
  /** Rows of the output (target nodes). */
  numDstNodes: number;
  /** Dropout probability of the attention coefficients in `[0, 1)`; 0 = none. */
  dropoutRate: number;
  /** Unsigned 32-bit seed of the dropout mask (ignored when `dropoutRate` is 0). */
  seed: number;
}

/**
 * Edge softmax, attention dropout and weighted aggregation in one kernel:
 * with `α[e, h]` the softmax of `logits[e, h]` over the edges into `dst_e`
 * and `m[e, h]` the dropout factor of flat entry `e·H + h` (the mask of
 * {@link Dropout} for `seed` and `dropoutRate`; 1 without dropout),
 * `out[i, h, :] = Σ_{e: dst_e = i} (α[e, h] · m[e, h]) · x[src_e, h, :]`.
 * `x` is `[numSrcNodes, H, C]`, `logits` `[E, H]`, the output
 * `[numDstNodes, H, C]`: the numbers of `spmm(edgeIndex, x,
 * seededDropout(segmentSoftmax(logits, dst), rate, seed))`, each target's
 * terms summed in edge order, without the `[E, H]` coefficients. Edges with
 * an endpoint out of range contribute nothing.
 */
export const SoftmaxAggregate = 'GnnSoftmaxAggregate';
export type SoftmaxAggregateInputs = Pick<NamedTensorInfoMap, 'edgeIndex' | 'x' | 'logits'>;
export type SoftmaxAggregateAttrs = AttentionAggregateAttrs;

/**
 * Backward of {@link SoftmaxAggregate} for an upstream gradient `dy`
 * (`[numDstNodes, H, C]`): two outputs `[dx, dLogits]`. With α recomputed
 * from the logits (never stored) and `g[e, h] = m · ⟨dy[dst_e, h], x[src_e, h]⟩`:
 * `dx[src_e, h] += α · m · dy[dst_e, h]` and `dLogits[e, h] = α · (g − Σ_{e'
 * into dst_e} α' g')`. Not in {@link GNN_KERNEL_NAMES}: only the gradient of
 * `SoftmaxAggregate` runs it.
 */
export const SoftmaxAggregateGrad = 'GnnSoftmaxAggregateGrad';
export type SoftmaxAggregateGradInputs = Pick<NamedTensorInfoMap, 'edgeIndex' | 'x' | 'logits' | 'dy'>;
export type SoftmaxAggregateGradAttrs = SoftmaxAggregateAttrs;

/**
 * GATConv's attention in one kernel: {@link SoftmaxAggregate} of the logits
 * `LeakyReLU(scoreSrc[src_e, h] + scoreDst[dst_e, h])` (the numbers of
 * {@link AdditiveAttention} with one channel and a weight of 1), which a
 * fused kernel computes on the fly. `x` is `[numSrcNodes, H, C]`, `scoreSrc`
 * `[numSrcNodes, H]`, `scoreDst` `[numDstNodes, H]`; the output
 * `[numDstNodes, H, C]`.
 */
export const GatAttention = 'GnnGatAttention';
export type GatAttentionInputs = Pick<NamedTensorInfoMap, 'edgeIndex' | 'x' | 'scoreSrc' | 'scoreDst'>;
export interface GatAttentionAttrs extends AttentionAggregateAttrs {
  /** Slope of LeakyReLU for negative inputs (PyG's `negative_slope`). */
  negativeSlope: number;
}

/**
 * Backward of {@link GatAttention} for `dy`: three outputs `[dx, dScoreSrc,
 * dScoreDst]`. With `dl` the logit gradient of {@link SoftmaxAggregateGrad}
 * and `z = scoreSrc[src_e] + scoreDst[dst_e]`: `dScoreSrc[src_e, h] += dl ·
 * LeakyReLU'(z)`, the same into `dScoreDst[dst_e, h]` (`LeakyReLU'(0)` is the
 * negative slope, as in tfjs and PyTorch). Not in {@link GNN_KERNEL_NAMES}:
 * only the gradient of `GatAttention` runs it.
 */
export const GatAttentionGrad = 'GnnGatAttentionGrad';
export type GatAttentionGradInputs = Pick<NamedTensorInfoMap, 'edgeIndex' | 'x' | 'scoreSrc' | 'scoreDst' | 'dy'>;
export type GatAttentionGradAttrs = GatAttentionAttrs;

/**
 * The optional kernels: fused versions of op sequences (the Adam step, input
 * dropout with the first product, GAT's attention). A backend without one
 * runs its composite (the op sequence it fuses, the same numbers), so they are
 * not in {@link GNN_KERNEL_NAMES} and `missingGnnKernels` never lists them;
 * `optionalKernelCases` of `@gnnjs/core/testing` checks whichever runs. Their
 * `…Grad` kernels are optional too.
 */
export const OPTIONAL_KERNEL_NAMES = [AdamStep, DropoutMatMul, AttentionProjection, SoftmaxAggregate, GatAttention] as const;
export type OptionalKernelName = (typeof OPTIONAL_KERNEL_NAMES)[number];

/** Every GNN kernel name, for backends that want to assert full coverage. */
export const GNN_KERNEL_NAMES = [
  GatherRows,
  SegmentSum,
  SegmentMean,
  SegmentMax,
  SegmentMin,
  SegmentSoftmax,
  SpMM,
  SDDMM,
  AdditiveAttention,
  Dropout,
  SegmentAttention,
] as const;
export type GnnKernelName = (typeof GNN_KERNEL_NAMES)[number];
