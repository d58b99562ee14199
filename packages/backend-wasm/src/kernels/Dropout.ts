import { Dropout, dropoutKey, dropoutScale, dropoutThreshold, type DropoutAttrs, type DropoutInputs } from '@gnnjs/core';
import { cachedCsr, dropoutImpl, rememberCsr, sizeOf, sparseDropoutImpl, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { float32Heap, float32Output } from './heap_values.js';

/**
 * Density up to which dropout works from the input's non-zeros, as on `cpu`:
 * bag-of-words features are the same tensor every epoch, so their non-zeros
 * are found once (the verdict is kept with the tensor), each epoch draws the
 * mask of those only, and the output hands its non-zeros to the first layer's
 * product (`BatchMatMul.ts`), which then never scans it.
 */
const SPARSE_DENSITY = 0.05;

export function dropout(args: { inputs: Supplied<DropoutInputs>; backend: BackendWasm; attrs: DropoutAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const shape = inputs.x.shape;
  const size = sizeOf(shape);
  const rows = shape.length >= 2 ? shape[0]! : 1;
  const cols = rows === 0 ? 0 : size / rows;
  const csr = size === 0 ? undefined : cachedCsr(inputs.x.dataId, float32Heap(backend, inputs.x), 0, rows, cols, Math.floor(SPARSE_DENSITY * size));
  const { out, values } = float32Output(backend, shape);
  if (csr !== undefined) {
    values.fill(0);
    rememberCsr(out.dataId, rows, cols, sparseDropoutImpl(csr, cols, attrs.rate, attrs.seed, values));
    return out;
  }
  const simd = wasmKernelsFor(backend);
  if (simd === null) {
    dropoutImpl(float32Heap(backend, inputs.x), attrs.rate, attrs.seed, values);
    return out;
  }
  const { rate, seed } = attrs;
  // The key is an unsigned hash; wasm takes it as the same 32 bits, signed.
  simd.dropout(heapPointer(backend, inputs.x), size, dropoutKey(seed) | 0, dropoutThreshold(rate), dropoutScale(rate), heapPointer(backend, out));
  return out;
}

export const dropoutConfig: KernelConfig = {
  kernelName: Dropout,
  backendName: 'wasm',
  kernelFunc: dropout as unknown as KernelFunc,
};
