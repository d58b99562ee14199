import {
  SegmentAttention,
  SegmentAttentionGrad,
  type SegmentAttentionAttrs,
  type SegmentAttentionGradInputs,
  type SegmentAttentionInputs,
} from '@gnnjs/core';
import { segmentAttentionDims, segmentAttentionGradImpl, segmentAttentionImpl, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { float32Heap, float32Output, int32Heap } from './heap_values.js';

export function segmentAttention(args: {
  inputs: Supplied<SegmentAttentionInputs>;
  backend: BackendWasm;
  attrs: SegmentAttentionAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { out, values } = float32Output(backend, inputs.value.shape);
  values.fill(0);
  segmentAttentionImpl(
    float32Heap(backend, inputs.query),
    float32Heap(backend, inputs.key),
    float32Heap(backend, inputs.value),
    int32Heap(backend, inputs.segmentIds),
    segmentAttentionDims(inputs.query.shape, inputs.value.shape, attrs),
    values,
  );
  return out;
}

export function segmentAttentionGrad(args: {
  inputs: Supplied<SegmentAttentionGradInputs>;
  backend: BackendWasm;
  attrs: SegmentAttentionAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { query, key, value } = inputs;
  // Every output first: a later allocation may grow the heap and detach earlier views.
  const dQuery = backend.makeOutput(query.shape, 'float32');
  const dKey = backend.makeOutput(key.shape, 'float32');
  const dValue = backend.makeOutput(value.shape, 'float32');
  const [dq, dk, dv] = [dQuery, dKey, dValue].map((t) => float32Heap(backend, t).fill(0)) as [Float32Array, Float32Array, Float32Array];
  segmentAttentionGradImpl(
    float32Heap(backend, query),
    float32Heap(backend, key),
    float32Heap(backend, value),
    int32Heap(backend, inputs.segmentIds),
    float32Heap(backend, inputs.output),
    float32Heap(backend, inputs.dy),
    segmentAttentionDims(query.shape, value.shape, attrs),
    dq,
    dk,
    dv,
  );
  return [dQuery, dKey, dValue];
}

export const segmentAttentionConfig: KernelConfig = {
  kernelName: SegmentAttention,
  backendName: 'wasm',
  kernelFunc: segmentAttention as unknown as KernelFunc,
};

export const segmentAttentionGradConfig: KernelConfig = {
  kernelName: SegmentAttentionGrad,
  backendName: 'wasm',
  kernelFunc: segmentAttentionGrad as unknown as KernelFunc,
};
