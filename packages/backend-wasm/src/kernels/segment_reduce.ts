import type { SegmentReduceAttrs, SegmentReduceInputs } from '@gnnjs/core';
import { segmentLayout, type SegmentReduceImpl, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { float32Heap, float32Output, int32Heap } from './heap_values.js';

/** The wasm kernel config of one segment reduction. */
export function segmentReduceConfig(kernelName: string, impl: SegmentReduceImpl): KernelConfig {
  const kernelFunc = (args: {
    inputs: Supplied<SegmentReduceInputs>;
    backend: BackendWasm;
    attrs: SegmentReduceAttrs;
  }): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { outShape, rowSize } = segmentLayout(inputs.data.shape, attrs.numSegments);
    const { out, values } = float32Output(backend, outShape);
    impl(float32Heap(backend, inputs.data), int32Heap(backend, inputs.segmentIds), attrs.numSegments, rowSize, values);
    return out;
  };
  return { kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc };
}
