import {
  UnsortedSegmentSum,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
} from '@tensorflow/tfjs-core';
import type { HostMemory } from './host_memory.js';
import { segmentSumImpl } from './segment_reduce_impl.js';
import { unsortedSegmentSumLayout } from './shapes.js';
import type { Supplied } from './types.js';

/**
 * An O(E·D) `UnsortedSegmentSum` for a typed-array backend: tfjs-cpu's own
 * builds one mask per segment (O(numSegments·E·D)), tfjs-wasm has none (so
 * `tf.unsortedSegmentSum` and the gradient of `tf.gather` fail there).
 * Semantics of tfjs's CPU kernel: ids of any rank over the leading axes of
 * `x`, ids outside `[0, numSegments)` dropped, and a float32 result for every
 * input dtype (tfjs multiplies by a float32 mask, which upcasts int32 and bool).
 */
export function makeUnsortedSegmentSumConfig<Backend>(memory: HostMemory<Backend>): KernelConfig {
  const kernelFunc = (args: { inputs: Supplied<UnsortedSegmentSumInputs>; backend: Backend; attrs: UnsortedSegmentSumAttrs }): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { outShape, rowSize } = unsortedSegmentSumLayout(inputs.x.shape, inputs.segmentIds.shape, attrs.numSegments);
    const { out, values } = memory.float32Output(backend, outShape);
    segmentSumImpl(memory.numeric(backend, inputs.x), memory.int32(backend, inputs.segmentIds), attrs.numSegments, rowSize, values);
    return out;
  };
  return { kernelName: UnsortedSegmentSum, backendName: memory.backendName, kernelFunc: kernelFunc as unknown as KernelFunc };
}
