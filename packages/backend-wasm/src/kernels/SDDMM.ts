import { SDDMM, type SDDMMAttrs, type SDDMMInputs } from '@gnnjs/core';
import { sddmmImpl, sddmmLayout, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { float32Heap, float32Output, int32Heap } from './heap_values.js';

export function sddmm(args: { inputs: Supplied<SDDMMInputs>; backend: BackendWasm; attrs: SDDMMAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const numEdges = inputs.edgeIndex.shape[1]!;
  const { outShape, dims } = sddmmLayout(inputs.lhs.shape, inputs.rhs.shape, numEdges, attrs.op);
  const { out, values } = float32Output(backend, outShape);
  const simd = wasmKernelsFor(backend);
  if (simd !== null) {
    const src = heapPointer(backend, inputs.edgeIndex);
    const [lhs, rhs, o] = [heapPointer(backend, inputs.lhs), heapPointer(backend, inputs.rhs), heapPointer(backend, out)];
    const { numSrcNodes, numDstNodes, rowSize, lastDim } = dims;
    if (attrs.op === 'dot') {
      const numGroups = lastDim === 0 ? 0 : rowSize / lastDim;
      simd.sddmm_dot(src, src + 4 * numEdges, numEdges, lhs, rhs, o, numSrcNodes, numDstNodes, numGroups, lastDim);
    } else {
      const isMul = attrs.op === 'mul' ? 1 : 0;
      simd.sddmm_binary(src, src + 4 * numEdges, numEdges, lhs, rhs, o, numSrcNodes, numDstNodes, rowSize, isMul);
    }
    return out;
  }
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
