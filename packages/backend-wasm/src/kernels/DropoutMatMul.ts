import {
  DropoutMatMul,
  DropoutMatMulGrad,
  type DropoutMatMulAttrs,
  type DropoutMatMulGradInputs,
  type DropoutMatMulInputs,
} from '@gnnjs/core';
import {
  MIN_ZERO_SKIPPING_WORK,
  csrLeftMatMul,
  csrRightMatMul,
  droppedCsr,
  droppedDense,
  registeredMatMul,
  transposeImpl,
  type Supplied,
} from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { csrOnHeap } from './csr_heap.js';
import { float32Heap, heapMemory } from './heap_values.js';

/**
 * `dropout(x) · weightᵀ` from the non-zeros of bag-of-words features, in SIMD
 * (`csr_left_matmul`, the product `BatchMatMul` runs on dropout's output, so
 * the same numbers); a dense or small `x` takes dropout and the registered
 * `BatchMatMul`.
 */
export function dropoutMatMul(args: { inputs: Supplied<DropoutMatMulInputs>; backend: BackendWasm; attrs: DropoutMatMulAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const [m, k] = inputs.x.shape as [number, number];
  const n = inputs.weight.shape[0]!;
  const dims = { m, k, n };
  const x = float32Heap(backend, inputs.x);
  const dropped = m * k * n >= MIN_ZERO_SKIPPING_WORK ? droppedCsr(inputs.x.dataId, x, m, k, attrs.rate, attrs.seed) : undefined;
  if (dropped === undefined) {
    const weightT = new Float32Array(k * n);
    transposeImpl(float32Heap(backend, inputs.weight), n, k, weightT);
    return registeredMatMul(heapMemory, backend, droppedDense(x, attrs.rate, attrs.seed), weightT, dims);
  }
  const out = backend.makeOutput([m, n], 'float32');
  const heap = csrOnHeap(backend, dropped, m, k * n);
  const weightT = float32Heap(backend, heap.scratch).subarray((heap.extra - heapPointer(backend, heap.scratch)) >>> 2);
  transposeImpl(float32Heap(backend, inputs.weight), n, k, weightT);
  const simd = wasmKernelsFor(backend);
  if (simd !== null) simd.csr_left_matmul(heap.rowStart, heap.cols, heap.vals, heap.extra, m, n, heapPointer(backend, out));
  else csrLeftMatMul(dropped, weightT, 0, dims, float32Heap(backend, out));
  backend.disposeData(heap.scratch.dataId);
  return out;
}

/** `dyᵀ · dropout(x)` from the forward's mask of the non-zeros, in SIMD (`csr_right_matmul`), or the unfused path. */
export function dropoutMatMulGrad(args: { inputs: Supplied<DropoutMatMulGradInputs>; backend: BackendWasm; attrs: DropoutMatMulAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const [m, k] = inputs.x.shape as [number, number];
  const n = inputs.dy.shape[1]!;
  const dims = { m: n, k: m, n: k };
  const x = float32Heap(backend, inputs.x);
  const dropped = m * k * n >= MIN_ZERO_SKIPPING_WORK ? droppedCsr(inputs.x.dataId, x, m, k, attrs.rate, attrs.seed) : undefined;
  if (dropped === undefined) {
    const dyT = new Float32Array(n * m);
    transposeImpl(float32Heap(backend, inputs.dy), m, n, dyT);
    return registeredMatMul(heapMemory, backend, dyT, droppedDense(x, attrs.rate, attrs.seed), dims);
  }
  const out = backend.makeOutput([n, k], 'float32');
  // dyᵀ, then csr_right_matmul's transposes of it and of the result.
  const heap = csrOnHeap(backend, dropped, m, n * m + (m + k) * n);
  const dyT = float32Heap(backend, heap.scratch).subarray((heap.extra - heapPointer(backend, heap.scratch)) >>> 2);
  transposeImpl(float32Heap(backend, inputs.dy), m, n, dyT);
  const simd = wasmKernelsFor(backend);
  if (simd !== null) simd.csr_right_matmul(heap.extra, heap.rowStart, heap.cols, heap.vals, n, m, k, heapPointer(backend, out), heap.extra + 4 * n * m);
  else csrRightMatMul(dyT, 0, dropped, dims, float32Heap(backend, out));
  backend.disposeData(heap.scratch.dataId);
  return out;
}

export const dropoutMatMulConfig: KernelConfig = {
  kernelName: DropoutMatMul,
  backendName: 'wasm',
  kernelFunc: dropoutMatMul as unknown as KernelFunc,
};

export const dropoutMatMulGradConfig: KernelConfig = {
  kernelName: DropoutMatMulGrad,
  backendName: 'wasm',
  kernelFunc: dropoutMatMulGrad as unknown as KernelFunc,
};
