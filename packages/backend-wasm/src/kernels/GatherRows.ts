import { GatherRows, type GatherRowsInputs } from '@gnnjs/core';
import { gatherRowsImpl, gatherRowsLayout, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { float32Heap, float32Output, int32Heap } from './heap_values.js';

export function gatherRows(args: { inputs: Supplied<GatherRowsInputs>; backend: BackendWasm }): TensorInfo {
  const { inputs, backend } = args;
  const { outShape, rowSize, numRows } = gatherRowsLayout(inputs.x.shape, inputs.indices.shape[0]!);
  const { out, values } = float32Output(backend, outShape);
  const simd = wasmKernelsFor(backend);
  if (simd !== null && inputs.x.dtype === 'float32') {
    const numIndices = inputs.indices.shape[0]!;
    simd.gather_rows(heapPointer(backend, inputs.x), heapPointer(backend, inputs.indices), numIndices, numRows, rowSize, heapPointer(backend, out));
    return out;
  }
  gatherRowsImpl(float32Heap(backend, inputs.x), int32Heap(backend, inputs.indices), numRows, rowSize, values);
  return out;
}

export const gatherRowsConfig: KernelConfig = {
  kernelName: GatherRows,
  backendName: 'wasm',
  kernelFunc: gatherRows as unknown as KernelFunc,
};
