import { Dropout, dropoutKey, dropoutScale, dropoutThreshold, type DropoutAttrs, type DropoutInputs } from '@gnnjs/core';
import { dropoutImpl, sizeOf, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { float32Heap, float32Output } from './heap_values.js';

export function dropout(args: { inputs: Supplied<DropoutInputs>; backend: BackendWasm; attrs: DropoutAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { out, values } = float32Output(backend, inputs.x.shape);
  const simd = wasmKernelsFor(backend);
  if (simd === null) {
    dropoutImpl(float32Heap(backend, inputs.x), attrs.rate, attrs.seed, values);
    return out;
  }
  const { rate, seed } = attrs;
  // The key is an unsigned hash; wasm takes it as the same 32 bits, signed.
  simd.dropout(heapPointer(backend, inputs.x), sizeOf(inputs.x.shape), dropoutKey(seed) | 0, dropoutThreshold(rate), dropoutScale(rate), heapPointer(backend, out));
  return out;
}

export const dropoutConfig: KernelConfig = {
  kernelName: Dropout,
  backendName: 'wasm',
  kernelFunc: dropout as unknown as KernelFunc,
};
