import { engine, type NamedAttrMap, type NamedTensorMap, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';
import { ensureKernel } from '../kernels/composite_kernels.js';

type KernelInputs = Record<string, TensorInfo | undefined>;

/**
 * Runs a GNN kernel on the active backend, falling back to its composite
 * default when the backend registers none. Undefined optional inputs are
 * dropped, as tfjs's engine expects.
 */
export function runGnnKernel(kernelName: string, inputs: KernelInputs, attrs: object): Tensor {
  ensureKernel(kernelName);
  const defined: NamedTensorMap = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (value !== undefined) defined[key] = value as Tensor;
  }
  return engine().runKernel(kernelName, defined, attrs as NamedAttrMap) as Tensor;
}
