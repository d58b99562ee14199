import {
  AdditiveAttention,
  AdditiveAttentionGrad,
  type AdditiveAttentionAttrs,
  type AdditiveAttentionGradAttrs,
  type AdditiveAttentionGradInputs,
  type AdditiveAttentionInputs,
} from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { additiveAttentionGradImpl, additiveAttentionImpl, additiveAttentionLayout, sizeOf, type Supplied } from '../kernels_impl/index.js';
import { float32Values, int32Values } from './cpu_values.js';

export function additiveAttention(args: {
  inputs: Supplied<AdditiveAttentionInputs>;
  backend: MathBackendCPU;
  attrs: AdditiveAttentionAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const numEdges = inputs.edgeIndex.shape[1]!;
  const { outShape, dims } = additiveAttentionLayout(inputs.lhs.shape, inputs.rhs.shape, numEdges);
  const edges = int32Values(backend, inputs.edgeIndex);
  const out = new Float32Array(sizeOf(outShape));
  additiveAttentionImpl(
    edges.subarray(0, numEdges),
    edges.subarray(numEdges, 2 * numEdges),
    float32Values(backend, inputs.lhs),
    float32Values(backend, inputs.rhs),
    float32Values(backend, inputs.att),
    attrs.negativeSlope,
    dims,
    out,
  );
  return backend.makeTensorInfo(outShape, 'float32', out);
}

export function additiveAttentionGrad(args: {
  inputs: Supplied<AdditiveAttentionGradInputs>;
  backend: MathBackendCPU;
  attrs: AdditiveAttentionGradAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { lhs, rhs, att } = inputs;
  const numEdges = inputs.edgeIndex.shape[1]!;
  const { dims } = additiveAttentionLayout(lhs.shape, rhs.shape, numEdges);
  const edges = int32Values(backend, inputs.edgeIndex);
  const dLhs = new Float32Array(sizeOf(lhs.shape));
  const dRhs = new Float32Array(sizeOf(rhs.shape));
  const dAtt = new Float32Array(sizeOf(att.shape));
  additiveAttentionGradImpl(
    edges.subarray(0, numEdges),
    edges.subarray(numEdges, 2 * numEdges),
    float32Values(backend, lhs),
    float32Values(backend, rhs),
    float32Values(backend, att),
    float32Values(backend, inputs.dy),
    attrs.negativeSlope,
    dims,
    dLhs,
    dRhs,
    dAtt,
  );
  return [
    backend.makeTensorInfo(lhs.shape, 'float32', dLhs),
    backend.makeTensorInfo(rhs.shape, 'float32', dRhs),
    backend.makeTensorInfo(att.shape, 'float32', dAtt),
  ];
}

export const additiveAttentionConfig: KernelConfig = {
  kernelName: AdditiveAttention,
  backendName: 'cpu',
  kernelFunc: additiveAttention as unknown as KernelFunc,
};

export const additiveAttentionGradConfig: KernelConfig = {
  kernelName: AdditiveAttentionGrad,
  backendName: 'cpu',
  kernelFunc: additiveAttentionGrad as unknown as KernelFunc,
};
