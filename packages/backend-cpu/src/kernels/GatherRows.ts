import { GatherRows, type GatherRowsInputs } from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { gatherRowsImpl, gatherRowsLayout, sizeOf, type Supplied } from '../kernels_impl/index.js';
import { float32Values, int32Values } from './cpu_values.js';

export function gatherRows(args: { inputs: Supplied<GatherRowsInputs>; backend: MathBackendCPU }): TensorInfo {
  const { inputs, backend } = args;
  const indices = int32Values(backend, inputs.indices);
  const { outShape, rowSize, numRows } = gatherRowsLayout(inputs.x.shape, indices.length);
  const out = new Float32Array(sizeOf(outShape));
  gatherRowsImpl(float32Values(backend, inputs.x), indices, numRows, rowSize, out);
  return backend.makeTensorInfo(outShape, 'float32', out);
}

export const gatherRowsConfig: KernelConfig = {
  kernelName: GatherRows,
  backendName: 'cpu',
  kernelFunc: gatherRows as unknown as KernelFunc,
};
