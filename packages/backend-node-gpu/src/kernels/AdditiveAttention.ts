import { scalar, tidy, zeros, type KernelConfig, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import {
  AdditiveAttention,
  AdditiveAttentionGrad,
  type AdditiveAttentionAttrs,
  type AdditiveAttentionGradInputs,
  type AdditiveAttentionInputs,
} from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { TfOps } from './tf_ops.js';
import type { Supplied } from './supplied.js';

/** What forward and backward share: the edges made safe to gather with, and `z = lhs[src] + rhs[dst]`. */
interface EdgeSums {
  src: Tensor;
  dst: Tensor;
  /** bool `[E]`: both endpoints in range. */
  inRange: Tensor;
  /** `[E, H, C]`. */
  z: Tensor;
}

/**
 * TensorFlow's `GatherV2` rejects an out-of-range index on the CPU, so an
 * edge with an endpoint out of range is gathered as `0 → 0` and masked later
 * (`Select(a, b, a)` is a logical and). Needs a node on each side.
 */
function edgeSums(ops: TfOps, edgeIndex: TensorInfo, lhs: TensorInfo, rhs: TensorInfo): EdgeSums {
  const and = (a: Tensor, b: Tensor): Tensor => ops.select(a, b, a);
  const within = (ids: Tensor, n: number): Tensor =>
    and(ops.binary('Greater', ids, scalar(-1, 'int32')), ops.binary('Greater', scalar(n, 'int32'), ids));
  const rawSrc = ops.edgeRow(edgeIndex, 0);
  const rawDst = ops.edgeRow(edgeIndex, 1);
  const inRange = and(within(rawSrc, lhs.shape[0]!), within(rawDst, rhs.shape[0]!));
  const src = ops.select(inRange, rawSrc, ops.unary('ZerosLike', rawSrc));
  const dst = ops.select(inRange, rawDst, ops.unary('ZerosLike', rawDst));
  return { src, dst, inRange, z: ops.binary('Add', ops.gather(lhs, src), ops.gather(rhs, dst)) };
}

function leakyRelu(ops: TfOps, z: Tensor, positive: Tensor, negativeSlope: number): Tensor {
  return ops.select(positive, z, ops.binary('Mul', z, ops.floatScalar(negativeSlope)));
}

/** True when no edge can be in range (or there are none): the answer is all zeros. */
function nothingInRange(edgeIndex: TensorInfo, lhs: TensorInfo, rhs: TensorInfo): boolean {
  return edgeIndex.shape[1] === 0 || lhs.shape[0] === 0 || rhs.shape[0] === 0;
}

/** `GatherV2` both endpoints, `Add`, LeakyReLU as `Select`, `Mul` by `att`, `Sum` over channels. */
export const additiveAttentionConfig: KernelConfig = {
  kernelName: AdditiveAttention,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { edgeIndex, lhs, rhs, att } = inputs as Supplied<AdditiveAttentionInputs>;
    const { negativeSlope } = attrs as unknown as AdditiveAttentionAttrs;
    return tidy(() => {
      if (nothingInRange(edgeIndex, lhs, rhs)) return zeros([edgeIndex.shape[1]!, att.shape[0]!]);
      const ops = tfOpsOf(backend, AdditiveAttention);
      const { z, inRange } = edgeSums(ops, edgeIndex, lhs, rhs);
      const activated = leakyRelu(ops, z, ops.binary('Greater', z, ops.floatScalar(0)), negativeSlope);
      const logits = ops.sumLastAxis(ops.binary('Mul', activated, att));
      return ops.select(inRange, logits, ops.unary('ZerosLike', logits));
    });
  },
};

/**
 * `dz = dy · att · LeakyReLU'(z)` summed into both endpoints with
 * `UnsortedSegmentSum`; `dAtt` is the segment sum of `dy · LeakyReLU(z)` over
 * one segment holding every edge.
 */
export const additiveAttentionGradConfig: KernelConfig = {
  kernelName: AdditiveAttentionGrad,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { edgeIndex, lhs, rhs, att, dy } = inputs as Supplied<AdditiveAttentionGradInputs>;
    const { negativeSlope } = attrs as unknown as AdditiveAttentionAttrs;
    return tidy(() => {
      if (nothingInRange(edgeIndex, lhs, rhs)) return [zeros(lhs.shape), zeros(rhs.shape), zeros(att.shape)];
      const ops = tfOpsOf(backend, AdditiveAttentionGrad);
      const { src, dst, inRange, z } = edgeSums(ops, edgeIndex, lhs, rhs);
      const [numEdges, heads] = dy.shape as [number, number];
      const g = ops.reshape(ops.select(inRange, dy, ops.unary('ZerosLike', dy)), [numEdges, heads, 1]);
      const positive = ops.binary('Greater', z, ops.floatScalar(0));
      const ones = ops.unary('OnesLike', z);
      const derivative = ops.select(positive, ones, ops.binary('Mul', ones, ops.floatScalar(negativeSlope)));
      const dz = ops.binary('Mul', ops.binary('Mul', g, att), derivative);
      const attTerms = ops.binary('Mul', g, leakyRelu(ops, z, positive, negativeSlope));
      const dAtt = ops.unsortedSegment('UnsortedSegmentSum', attTerms, ops.unary('ZerosLike', src), 1);
      return [
        ops.unsortedSegment('UnsortedSegmentSum', dz, src, lhs.shape[0]!),
        ops.unsortedSegment('UnsortedSegmentSum', dz, dst, rhs.shape[0]!),
        ops.reshape(dAtt, att.shape),
      ];
    });
  },
};
