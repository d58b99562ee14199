import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { Identity, type IdentityInputs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { Supplied } from '@gnnjs/backend-cpu/kernels-impl';

/**
 * tfjs's `Identity` sharing the input's buffer, as tfjs-cpu's and
 * tfjs-wasm's own `Reshape` do; tfjs-wasm's `Identity` copies it, and tfjs
 * runs Identity for every `clone` and saved custom-gradient tensor (six
 * copies of Cora's features per GAT epoch).
 */
export function identity(args: { inputs: Supplied<IdentityInputs>; backend: BackendWasm }): TensorInfo {
  const { x } = args.inputs;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identity as unknown as KernelFunc,
};
