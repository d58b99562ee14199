import {
  SegmentSoftmax,
  SegmentSoftmaxGrad,
  type SegmentSoftmaxAttrs,
  type SegmentSoftmaxGradInputs,
  type SegmentSoftmaxInputs,
} from '@gnnjs/core';
import { segmentSoftmaxGradImpl, segmentSoftmaxImpl, sizeOf, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { float32Heap, float32Output, int32Heap } from './heap_values.js';

export function segmentSoftmax(args: {
  inputs: Supplied<SegmentSoftmaxInputs>;
  backend: BackendWasm;
  attrs: SegmentSoftmaxAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const shape = inputs.logits.shape;
  const { out, values } = float32Output(backend, shape);
  const rowSize = sizeOf(shape.slice(1));
  const simd = wasmKernelsFor(backend);
  if (simd !== null) {
    // Per-segment maxima and sums live on the heap for the one call.
    const scratch = backend.makeOutput([2 * attrs.numSegments * rowSize], 'float32');
    simd.segment_softmax(
      heapPointer(backend, inputs.logits), heapPointer(backend, inputs.segmentIds), shape[0]!, attrs.numSegments,
      rowSize, heapPointer(backend, out), heapPointer(backend, scratch),
    );
    backend.disposeData(scratch.dataId);
    return out;
  }
  const logits = float32Heap(backend, inputs.logits);
  segmentSoftmaxImpl(logits, int32Heap(backend, inputs.segmentIds), attrs.numSegments, rowSize, values);
  return out;
}

export const segmentSoftmaxConfig: KernelConfig = {
  kernelName: SegmentSoftmax,
  backendName: 'wasm',
  kernelFunc: segmentSoftmax as unknown as KernelFunc,
};

export function segmentSoftmaxGrad(args: {
  inputs: Supplied<SegmentSoftmaxGradInputs>;
  backend: BackendWasm;
  attrs: SegmentSoftmaxAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const shape = inputs.y.shape;
  const { out, values } = float32Output(backend, shape);
  const rowSize = sizeOf(shape.slice(1));
  const simd = wasmKernelsFor(backend);
  if (simd !== null) {
    const scratch = backend.makeOutput([attrs.numSegments * rowSize], 'float32');
    simd.segment_softmax_grad(
      heapPointer(backend, inputs.y), heapPointer(backend, inputs.dy), heapPointer(backend, inputs.segmentIds),
      shape[0]!, attrs.numSegments, rowSize, heapPointer(backend, out), heapPointer(backend, scratch),
    );
    backend.disposeData(scratch.dataId);
    return out;
  }
  const ids = int32Heap(backend, inputs.segmentIds);
  segmentSoftmaxGradImpl(float32Heap(backend, inputs.y), float32Heap(backend, inputs.dy), ids, attrs.numSegments, rowSize, values);
  return out;
}

export const segmentSoftmaxGradConfig: KernelConfig = {
  kernelName: SegmentSoftmaxGrad,
  backendName: 'wasm',
  kernelFunc: segmentSoftmaxGrad as unknown as KernelFunc,
};
