import { op, type Tensor, type Tensor2D, type Tensor3D, type TensorLike } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import {
  GatAttention,
  SoftmaxAggregate,
  type AttentionAggregateAttrs,
  type GatAttentionAttrs,
  type GatAttentionInputs,
  type SoftmaxAggregateInputs,
} from '../kernels/kernel_names.js';
import { runGnnKernel } from './run_kernel.js';
import { assertCount, assertEdgeIndex, assertRank, toFloatTensor, toIndexTensor } from './validate.js';

/** Options of {@link softmaxAggregate} and {@link gatAttention}. */
export interface AttentionAggregateOptions {
  /** Dropout probability of the attention coefficients (before aggregation), in `[0, 1)`. Default 0. */
  readonly dropoutRate?: number | undefined;
  /** Unsigned 32-bit seed of the dropout mask (required when `dropoutRate > 0`). */
  readonly seed?: number | undefined;
}

/** Options of {@link gatAttention}. */
export interface GatAttentionOptions extends AttentionAggregateOptions {
  /** Slope of LeakyReLU on the logits for negative inputs. Default 0.2. */
  readonly negativeSlope?: number | undefined;
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function dropoutAttrs(op: string, numDstNodes: number, options: AttentionAggregateOptions): AttentionAggregateAttrs {
  assertCount(numDstNodes, 'numDstNodes', op);
  const dropoutRate = options.dropoutRate ?? 0;
  if (!(dropoutRate >= 0 && dropoutRate < 1)) throw new ShapeError('dropoutRate', `${op} expects a rate in [0, 1), got ${dropoutRate}`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ShapeError('seed', `${op} expects an integer seed in [0, 2^32), got ${seed}`);
  }
  if (dropoutRate > 0 && options.seed === undefined) throw new ShapeError('seed', `${op} needs a seed when dropoutRate > 0`);
  return { numDstNodes, dropoutRate, seed };
}

/** Checks `edgeIndex` and `x` (`[Ns, H, C]`); returns them as tensors. */
function edgesAndFeatures(op: string, edgeIndex: Tensor | TensorLike, x: Tensor | TensorLike): [Tensor2D, Tensor3D] {
  const $edgeIndex = toIndexTensor(edgeIndex, 'edgeIndex', op);
  assertEdgeIndex($edgeIndex, op);
  const $x = toFloatTensor(x, 'x', op);
  assertRank($x, 3, 'x', op);
  return [$edgeIndex, $x as Tensor3D];
}

function assertShape(t: Tensor, expected: readonly number[], argument: string, op: string, what: string): void {
  if (t.rank !== expected.length || t.shape.some((d, k) => d !== expected[k])) {
    throw new ShapeError(argument, `${op} expects ${shapeText(expected)} (${what}), got ${shapeText(t.shape)}`);
  }
}

function softmaxAggregate_(
  edgeIndex: Tensor | TensorLike,
  x: Tensor | TensorLike,
  logits: Tensor | TensorLike,
  numDstNodes: number,
  options: AttentionAggregateOptions = {},
): Tensor3D {
  const OP = 'softmaxAggregate';
  const [$edgeIndex, $x] = edgesAndFeatures(OP, edgeIndex, x);
  const $logits = toFloatTensor(logits, 'logits', OP);
  assertShape($logits, [$edgeIndex.shape[1], $x.shape[1]], 'logits', OP, 'edges × heads of x');
  const inputs: SoftmaxAggregateInputs = { edgeIndex: $edgeIndex, x: $x, logits: $logits };
  return runGnnKernel(SoftmaxAggregate, inputs, dropoutAttrs(OP, numDstNodes, options)) as Tensor3D;
}

function gatAttention_(
  edgeIndex: Tensor | TensorLike,
  x: Tensor | TensorLike,
  scoreSrc: Tensor | TensorLike,
  scoreDst: Tensor | TensorLike,
  numDstNodes: number,
  options: GatAttentionOptions = {},
): Tensor3D {
  const OP = 'gatAttention';
  const [$edgeIndex, $x] = edgesAndFeatures(OP, edgeIndex, x);
  const $scoreSrc = toFloatTensor(scoreSrc, 'scoreSrc', OP);
  const $scoreDst = toFloatTensor(scoreDst, 'scoreDst', OP);
  assertShape($scoreSrc, [$x.shape[0], $x.shape[1]], 'scoreSrc', OP, 'source nodes × heads of x');
  assertShape($scoreDst, [numDstNodes, $x.shape[1]], 'scoreDst', OP, 'numDstNodes × heads of x');
  const negativeSlope = options.negativeSlope ?? 0.2;
  if (typeof negativeSlope !== 'number' || !Number.isFinite(negativeSlope)) {
    throw new ShapeError('negativeSlope', `${OP} expects a finite number, got ${String(negativeSlope)}`);
  }
  const inputs: GatAttentionInputs = { edgeIndex: $edgeIndex, x: $x, scoreSrc: $scoreSrc, scoreDst: $scoreDst };
  const attrs: GatAttentionAttrs = { ...dropoutAttrs(OP, numDstNodes, options), negativeSlope };
  return runGnnKernel(GatAttention, inputs, attrs) as Tensor3D;
}

/**
 * Edge softmax, attention dropout and weighted aggregation in one step:
 * with `α = segmentSoftmax(logits, dst, numDstNodes)` (over the edges into
 * each target, per head), `out[i, h] = Σ_{e → i} seededDropout(α, rate,
 * seed)[e, h] · x[src_e, h]`. `edgeIndex` is int32 `[2, E]`, `x`
 * `[numSrcNodes, H, C]`, `logits` `[E, H]`; the output `[numDstNodes, H, C]`
 * is differentiable w.r.t. `x` and `logits`. A fused kernel (cpu, wasm) never
 * builds an `[E, H]` tensor, forward or backward (which recomputes the
 * coefficients); a layer that returns the coefficients computes them with
 * `segmentSoftmax`.
 *
 * @example
 * ```ts
 * const logits = additiveAttention(edgeIndex, xl, xr, att); // GATv2
 * const out = softmaxAggregate(edgeIndex, xl, logits, numNodes, { dropoutRate: 0.6, seed: 7 }); // [numNodes, H, C]
 * ```
 */
export const softmaxAggregate = op({ softmaxAggregate_ });

/**
 * GATConv's attention in one step: logits `LeakyReLU(scoreSrc[src_e] +
 * scoreDst[dst_e])` per edge and head, then {@link softmaxAggregate}. `x` is
 * `[numSrcNodes, H, C]`, `scoreSrc` `[numSrcNodes, H]`, `scoreDst`
 * `[numDstNodes, H]` (e.g. from {@link attentionProjection}); the output is
 * `[numDstNodes, H, C]`, differentiable w.r.t. `x` and both scores. The same
 * numbers as `softmaxAggregate` of `additiveAttention`'s logits with one
 * channel and a weight of 1; a fused kernel never builds the logits.
 *
 * @example
 * ```ts
 * const out = gatAttention(edgeIndex, z, attentionProjection(z, attSrc), attentionProjection(z, attDst), numNodes, { negativeSlope: 0.2 });
 * ```
 */
export const gatAttention = op({ gatAttention_ });
