import { SDDMM, type SDDMMAttrs, type SDDMMInputs } from '@gnnjs/core';
import { sddmmImpl, sddmmLayout, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { float32Heap, float32Output, int32Heap } from './heap_values.js';

export function sddmm(args: { inputs: Supplied<SDDMMInputs>; backend: BackendWasm; attrs: SDDMMAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const numEdges = inputs.edgeIndex.shape[1]!;
  const { outShape, dims } = sddmmLayout(inputs.lhs.shape, inputs.rhs.shape, numEdges, attrs.op);
  const { out, values } = float32Output(backend, outShape);
  const edges = int32Heap(backend, inputs.edgeIndex);
  sddmmImpl(
    edges.subarray(0, numEdges),
    edges.subarray(numEdges, 2 * numEdges),
    float32Heap(backend, inputs.lhs),
    float32Heap(backend, inputs.rhs),
    attrs.op,
    dims,
    values,
  );
  return out;
}

export const sddmmConfig: KernelConfig = {
  kernelName: SDDMM,
  backendName: 'wasm',
  kernelFunc: sddmm as unknown as KernelFunc,
};
