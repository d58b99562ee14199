import type { SegmentReduceAttrs, SegmentReduceInputs } from '@gnnjs/core';
import { divideByCounts, segmentLayout, type SegmentReduceImpl, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { float32Heap, float32Output, int32Heap } from './heap_values.js';

/**
 * How a reduction uses the SIMD segment sum: `'sum'` as is, `'mean'` divided
 * by each segment's size afterwards; `'none'` runs `impl` only.
 */
export type SimdSegmentSum = 'sum' | 'mean' | 'none';

/** The wasm kernel config of one segment reduction. */
export function segmentReduceConfig(kernelName: string, impl: SegmentReduceImpl, simdSum: SimdSegmentSum = 'none'): KernelConfig {
  const kernelFunc = (args: {
    inputs: Supplied<SegmentReduceInputs>;
    backend: BackendWasm;
    attrs: SegmentReduceAttrs;
  }): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { outShape, rowSize } = segmentLayout(inputs.data.shape, attrs.numSegments);
    const { out, values } = float32Output(backend, outShape);
    const simd = simdSum === 'none' || inputs.data.dtype !== 'float32' ? null : wasmKernelsFor(backend);
    if (simd === null) {
      impl(float32Heap(backend, inputs.data), int32Heap(backend, inputs.segmentIds), attrs.numSegments, rowSize, values);
      return out;
    }
    const ids = heapPointer(backend, inputs.segmentIds);
    simd.segment_sum(heapPointer(backend, inputs.data), ids, inputs.data.shape[0]!, attrs.numSegments, rowSize, heapPointer(backend, out));
    if (simdSum === 'mean') divideByCounts(float32Heap(backend, out), int32Heap(backend, inputs.segmentIds), attrs.numSegments, rowSize);
    return out;
  };
  return { kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc };
}
