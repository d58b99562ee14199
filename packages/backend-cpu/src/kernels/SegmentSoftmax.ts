import { SegmentSoftmax, type SegmentSoftmaxAttrs, type SegmentSoftmaxInputs } from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { segmentSoftmaxImpl, sizeOf, type Supplied } from '../kernels_impl/index.js';
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
