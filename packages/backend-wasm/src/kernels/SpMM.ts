import { SpMM, type SpMMAttrs, type SpMMInputs } from '@gnnjs/core';
import { spmmImpl, spmmLayout, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
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
  const edges = int32Heap(backend, inputs.edgeIndex);
  const numEdges = inputs.edgeIndex.shape[1]!;
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
