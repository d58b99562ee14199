/**
 * Typed views of tensors on the wasm heap. A view dies when the heap grows
 * (its buffer detaches), and any `makeOutput` may grow it: kernels therefore
 * allocate their output first and take every view after that.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { HostMemory, NumericArray } from '@gnnjs/backend-cpu/kernels-impl';

export function float32Heap(backend: BackendWasm, t: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

export function int32Heap(backend: BackendWasm, t: TensorInfo): Int32Array {
  return backend.typedArrayFromHeap(t) as Int32Array;
}

/** Values of a float32, int32 or bool tensor (bool lives on the heap as bytes). */
export function numericHeap(backend: BackendWasm, t: TensorInfo): NumericArray {
  return backend.typedArrayFromHeap(t) as NumericArray;
}

/** Allocates a float32 output on the heap; returns it with a fresh view of its values. */
export function float32Output(backend: BackendWasm, shape: number[]): { out: TensorInfo; values: Float32Array } {
  const out = backend.makeOutput(shape, 'float32');
  return { out, values: float32Heap(backend, out) };
}

/** tfjs-wasm's heap for the kernels shared with the cpu backend. */
export const heapMemory: HostMemory<BackendWasm> = {
  backendName: 'wasm',
  float32: float32Heap,
  int32: int32Heap,
  numeric: numericHeap,
  float32Output: (backend, shape) => float32Output(backend, [...shape]),
  dispose: (backend, t) => backend.disposeData(t.dataId),
};
