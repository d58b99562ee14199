import { SpMM, type SpMMAttrs, type SpMMInputs } from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { sizeOf, spmmImpl, spmmLayout, type Supplied } from '../kernels_impl/index.js';
import { float32Values, int32Values } from './cpu_values.js';

export function spmm(args: { inputs: Supplied<Omit<SpMMInputs, 'weight'>> & Pick<SpMMInputs, 'weight'>; backend: MathBackendCPU; attrs: SpMMAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, weight } = inputs;
  const { outShape, dims } = spmmLayout(x.shape, weight?.shape, attrs.numDstNodes);
  const edges = int32Values(backend, inputs.edgeIndex);
  const numEdges = inputs.edgeIndex.shape[1]!;
  const out = new Float32Array(sizeOf(outShape));
  spmmImpl(
    edges.subarray(0, numEdges),
    edges.subarray(numEdges, 2 * numEdges),
    float32Values(backend, x),
    weight === undefined ? null : float32Values(backend, weight),
    dims,
    out,
  );
  return backend.makeTensorInfo(outShape, 'float32', out);
}

export const spmmConfig: KernelConfig = {
  kernelName: SpMM,
  backendName: 'cpu',
  kernelFunc: spmm as unknown as KernelFunc,
};
