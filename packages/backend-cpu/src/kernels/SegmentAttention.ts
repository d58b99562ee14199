import {
  SegmentAttention,
  SegmentAttentionGrad,
  type SegmentAttentionAttrs,
  type SegmentAttentionGradInputs,
  type SegmentAttentionInputs,
} from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { segmentAttentionDims, segmentAttentionGradImpl, segmentAttentionImpl, sizeOf, type Supplied } from '../kernels_impl/index.js';
import { float32Values, int32Values } from './cpu_values.js';

export function segmentAttention(args: {
  inputs: Supplied<SegmentAttentionInputs>;
  backend: MathBackendCPU;
  attrs: SegmentAttentionAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const shape = inputs.value.shape;
  const out = new Float32Array(sizeOf(shape));
  segmentAttentionImpl(
    float32Values(backend, inputs.query),
    float32Values(backend, inputs.key),
    float32Values(backend, inputs.value),
    int32Values(backend, inputs.segmentIds),
    segmentAttentionDims(inputs.query.shape, shape, attrs),
    out,
  );
  return backend.makeTensorInfo(shape, 'float32', out);
}

export function segmentAttentionGrad(args: {
  inputs: Supplied<SegmentAttentionGradInputs>;
  backend: MathBackendCPU;
  attrs: SegmentAttentionAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { query, key, value } = inputs;
  const dQuery = new Float32Array(sizeOf(query.shape));
  const dKey = new Float32Array(sizeOf(key.shape));
  const dValue = new Float32Array(sizeOf(value.shape));
  segmentAttentionGradImpl(
    float32Values(backend, query),
    float32Values(backend, key),
    float32Values(backend, value),
    int32Values(backend, inputs.segmentIds),
    float32Values(backend, inputs.output),
    float32Values(backend, inputs.dy),
    segmentAttentionDims(query.shape, value.shape, attrs),
    dQuery,
    dKey,
    dValue,
  );
  return [
    backend.makeTensorInfo(query.shape, 'float32', dQuery),
    backend.makeTensorInfo(key.shape, 'float32', dKey),
    backend.makeTensorInfo(value.shape, 'float32', dValue),
  ];
}

export const segmentAttentionConfig: KernelConfig = {
  kernelName: SegmentAttention,
  backendName: 'cpu',
  kernelFunc: segmentAttention as unknown as KernelFunc,
};

export const segmentAttentionGradConfig: KernelConfig = {
  kernelName: SegmentAttentionGrad,
  backendName: 'cpu',
  kernelFunc: segmentAttentionGrad as unknown as KernelFunc,
};
