import {
  SegmentSoftmax,
  SegmentSoftmaxGrad,
  type SegmentSoftmaxAttrs,
  type SegmentSoftmaxGradInputs,
  type SegmentSoftmaxInputs,
} from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { segmentSoftmaxGradImpl, segmentSoftmaxImpl, sizeOf, type Supplied } from '../kernels_impl/index.js';
import { float32Values, int32Values } from './cpu_values.js';

export function segmentSoftmax(args: {
  inputs: Supplied<SegmentSoftmaxInputs>;
  backend: MathBackendCPU;
  attrs: SegmentSoftmaxAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const shape = inputs.logits.shape;
  const out = new Float32Array(sizeOf(shape));
  const rowSize = sizeOf(shape.slice(1));
  segmentSoftmaxImpl(float32Values(backend, inputs.logits), int32Values(backend, inputs.segmentIds), attrs.numSegments, rowSize, out);
  return backend.makeTensorInfo(shape, 'float32', out);
}

export const segmentSoftmaxConfig: KernelConfig = {
  kernelName: SegmentSoftmax,
  backendName: 'cpu',
  kernelFunc: segmentSoftmax as unknown as KernelFunc,
};

export function segmentSoftmaxGrad(args: {
  inputs: Supplied<SegmentSoftmaxGradInputs>;
  backend: MathBackendCPU;
  attrs: SegmentSoftmaxAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const shape = inputs.y.shape;
  const out = new Float32Array(sizeOf(shape));
  const y = float32Values(backend, inputs.y);
  const dy = float32Values(backend, inputs.dy);
  segmentSoftmaxGradImpl(y, dy, int32Values(backend, inputs.segmentIds), attrs.numSegments, sizeOf(shape.slice(1)), out);
  return backend.makeTensorInfo(shape, 'float32', out);
}

export const segmentSoftmaxGradConfig: KernelConfig = {
  kernelName: SegmentSoftmaxGrad,
  backendName: 'cpu',
  kernelFunc: segmentSoftmaxGrad as unknown as KernelFunc,
};
