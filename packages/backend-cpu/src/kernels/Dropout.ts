import { Dropout, type DropoutAttrs, type DropoutInputs } from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { dropoutImpl, sizeOf, type Supplied } from '../kernels_impl/index.js';
import { float32Values } from './cpu_values.js';

export function dropout(args: { inputs: Supplied<DropoutInputs>; backend: MathBackendCPU; attrs: DropoutAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const out = new Float32Array(sizeOf(inputs.x.shape));
  dropoutImpl(float32Values(backend, inputs.x), attrs.rate, attrs.seed, out);
  return backend.makeTensorInfo(inputs.x.shape, 'float32', out);
}

export const dropoutConfig: KernelConfig = {
  kernelName: Dropout,
  backendName: 'cpu',
  kernelFunc: dropout as unknown as KernelFunc,
};
