import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import {
  UnsortedSegmentSum,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
} from '@tensorflow/tfjs-core';
import { segmentSumImpl, sizeOf, unsortedSegmentSumLayout, type Supplied } from '../kernels_impl/index.js';
import { int32Values, numericValues } from './cpu_values.js';

/**
 * O(E·D) replacement for tfjs-backend-cpu's `UnsortedSegmentSum`, which
 * builds one mask per segment (O(numSegments·E·D)). Same semantics: ids of any
 * rank over the leading axes of `x`, ids outside `[0, numSegments)` dropped,
 * and a float32 result for every input dtype (tfjs multiplies by a float32
 * mask, which upcasts int32 and bool).
 */
export function unsortedSegmentSum(args: {
  inputs: Supplied<UnsortedSegmentSumInputs>;
  backend: MathBackendCPU;
  attrs: UnsortedSegmentSumAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { outShape, rowSize } = unsortedSegmentSumLayout(inputs.x.shape, inputs.segmentIds.shape, attrs.numSegments);
  const out = new Float32Array(sizeOf(outShape));
  segmentSumImpl(numericValues(backend, inputs.x), int32Values(backend, inputs.segmentIds), attrs.numSegments, rowSize, out);
  return backend.makeTensorInfo(outShape, 'float32', out);
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'cpu',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
