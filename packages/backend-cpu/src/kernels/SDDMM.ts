import { SDDMM, type SDDMMAttrs, type SDDMMInputs } from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { sddmmImpl, sddmmLayout, sizeOf, type Supplied } from '../kernels_impl/index.js';
import { float32Values, int32Values } from './cpu_values.js';

export function sddmm(args: { inputs: Supplied<SDDMMInputs>; backend: MathBackendCPU; attrs: SDDMMAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const numEdges = inputs.edgeIndex.shape[1]!;
  const { outShape, dims } = sddmmLayout(inputs.lhs.shape, inputs.rhs.shape, numEdges, attrs.op);
  const edges = int32Values(backend, inputs.edgeIndex);
  const out = new Float32Array(sizeOf(outShape));
  sddmmImpl(
    edges.subarray(0, numEdges),
    edges.subarray(numEdges, 2 * numEdges),
    float32Values(backend, inputs.lhs),
    float32Values(backend, inputs.rhs),
    attrs.op,
    dims,
    out,
  );
  return backend.makeTensorInfo(outShape, 'float32', out);
}

export const sddmmConfig: KernelConfig = {
  kernelName: SDDMM,
  backendName: 'cpu',
  kernelFunc: sddmm as unknown as KernelFunc,
};
