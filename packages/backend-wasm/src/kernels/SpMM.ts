import { SpMM, type SpMMAttrs, type SpMMInputs } from '@gnnjs/core';
import { spmmImpl, spmmLayout, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { float32Heap, float32Output, int32Heap } from './heap_values.js';

export function spmm(args: {
  inputs: Supplied<Omit<SpMMInputs, 'weight'>> & Pick<SpMMInputs, 'weight'>;
  backend: BackendWasm;
  attrs: SpMMAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, weight } = inputs;
  const { outShape, dims } = spmmLayout(x.shape, weight?.shape, attrs.numDstNodes);
  const { out, values } = float32Output(backend, outShape);
  const numEdges = inputs.edgeIndex.shape[1]!;
  const simd = wasmKernelsFor(backend);
  if (simd !== null) {
    const src = heapPointer(backend, inputs.edgeIndex);
    simd.spmm(
      src, src + 4 * numEdges, numEdges,
      heapPointer(backend, x), weight === undefined ? 0 : heapPointer(backend, weight), heapPointer(backend, out),
      dims.numSrcNodes, dims.numDstNodes, dims.rowSize, weight === undefined ? 0 : dims.weightSize,
    );
    return out;
  }
  const edges = int32Heap(backend, inputs.edgeIndex);
  spmmImpl(
    edges.subarray(0, numEdges),
    edges.subarray(numEdges, 2 * numEdges),
    float32Heap(backend, x),
    weight === undefined ? null : float32Heap(backend, weight),
    dims,
    values,
  );
  return out;
}

export const spmmConfig: KernelConfig = {
  kernelName: SpMM,
  backendName: 'wasm',
  kernelFunc: spmm as unknown as KernelFunc,
};
