import { segmentSumImpl, unsortedSegmentSumLayout, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  UnsortedSegmentSum,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
} from '@tensorflow/tfjs-core';
import { float32Output, int32Heap, numericHeap } from './heap_values.js';

/**
 * tfjs-backend-wasm has no `UnsortedSegmentSum`, so `tf.unsortedSegmentSum`
 * and the gradient of `tf.gather` fail there without this kernel. Semantics of
 * tfjs's CPU kernel: ids of any rank over the leading axes of `x`, ids
 * outside `[0, numSegments)` dropped, a float32 result for every input dtype.
 */
export function unsortedSegmentSum(args: {
  inputs: Supplied<UnsortedSegmentSumInputs>;
  backend: BackendWasm;
  attrs: UnsortedSegmentSumAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { outShape, rowSize } = unsortedSegmentSumLayout(inputs.x.shape, inputs.segmentIds.shape, attrs.numSegments);
  const { out, values } = float32Output(backend, outShape);
  segmentSumImpl(numericHeap(backend, inputs.x), int32Heap(backend, inputs.segmentIds), attrs.numSegments, rowSize, values);
  return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
