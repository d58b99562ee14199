import {
  SoftmaxAggregate,
  SoftmaxAggregateGrad,
  type SoftmaxAggregateAttrs,
  type SoftmaxAggregateGradInputs,
  type SoftmaxAggregateInputs,
} from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import {
  attentionAggregateDims,
  attentionAggregateGradImpl,
  attentionAggregateImpl,
  cachedTargetOrder,
  sizeOf,
  type Supplied,
  type TargetOrder,
} from '../kernels_impl/index.js';
import { float32Values, int32Values } from './cpu_values.js';

// GnnGatAttention is left to its composite here: fused, GATConv's epoch cost
// the same CPU time on this backend (apps/bench/LEVERS.md); the wasm backend
// runs attentionAggregateImpl's GAT path as its fallback without SIMD.

/** The edge sources and the edges grouped by target (sorted once per edge tensor). */
function graphOf(backend: MathBackendCPU, edgeIndex: TensorInfo, numSrcNodes: number, numDstNodes: number): { src: Int32Array; target: TargetOrder } {
  const numEdges = edgeIndex.shape[1]!;
  const edges = int32Values(backend, edgeIndex);
  const src = edges.subarray(0, numEdges);
  return { src, target: cachedTargetOrder(edgeIndex.dataId, src, edges.subarray(numEdges, 2 * numEdges), numSrcNodes, numDstNodes) };
}

/** `GnnSoftmaxAggregate`: edge softmax, attention dropout and aggregation, one target at a time. */
export function softmaxAggregate(args: { inputs: Supplied<SoftmaxAggregateInputs>; backend: MathBackendCPU; attrs: SoftmaxAggregateAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dims = attentionAggregateDims(inputs.x.shape, attrs.numDstNodes);
  const outShape = [attrs.numDstNodes, dims.heads, dims.channels];
  const out = new Float32Array(sizeOf(outShape));
  const { src, target } = graphOf(backend, inputs.edgeIndex, dims.numSrcNodes, dims.numDstNodes);
  const drop = { rate: attrs.dropoutRate, seed: attrs.seed };
  attentionAggregateImpl(src, target, float32Values(backend, inputs.x), { logits: float32Values(backend, inputs.logits) }, dims, drop, out);
  return backend.makeTensorInfo(outShape, 'float32', out);
}

/** `GnnSoftmaxAggregateGrad`: `[dx, dLogits]`, the coefficients recomputed. */
export function softmaxAggregateGrad(args: {
  inputs: Supplied<SoftmaxAggregateGradInputs>;
  backend: MathBackendCPU;
  attrs: SoftmaxAggregateAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const dims = attentionAggregateDims(inputs.x.shape, attrs.numDstNodes);
  const { src, target } = graphOf(backend, inputs.edgeIndex, dims.numSrcNodes, dims.numDstNodes);
  const dx = new Float32Array(sizeOf(inputs.x.shape));
  const dLogits = new Float32Array(sizeOf(inputs.logits.shape));
  const drop = { rate: attrs.dropoutRate, seed: attrs.seed };
  const source = { logits: float32Values(backend, inputs.logits) };
  attentionAggregateGradImpl(src, target, float32Values(backend, inputs.x), source, dims, drop, float32Values(backend, inputs.dy), dx, { dLogits });
  return [backend.makeTensorInfo(inputs.x.shape, 'float32', dx), backend.makeTensorInfo(inputs.logits.shape, 'float32', dLogits)];
}

export const softmaxAggregateConfig: KernelConfig = {
  kernelName: SoftmaxAggregate,
  backendName: 'cpu',
  kernelFunc: softmaxAggregate as unknown as KernelFunc,
};
export const softmaxAggregateGradConfig: KernelConfig = {
  kernelName: SoftmaxAggregateGrad,
  backendName: 'cpu',
  kernelFunc: softmaxAggregateGrad as unknown as KernelFunc,
};
