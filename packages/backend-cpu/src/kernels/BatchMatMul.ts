import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { denseMatMulImpl, plainMatMulDims, sparseMatMulImpl, type Supplied } from '../kernels_impl/index.js';
import { float32Values } from './cpu_values.js';

/**
 * Densities up to which the zero-skipping product beats tfjs-cpu's blocked
 * dense loop (about 5 ns per multiply-add here): skipping pays until about
 * half the entries are non-zero.
 */
const MAX_DENSITY = 0.3;

type BatchMatMulArgs = { inputs: Supplied<BatchMatMulInputs>; backend: MathBackendCPU; attrs: BatchMatMulAttrs };

/**
 * tfjs's `BatchMatMul`, with one float32 matrix pair (no transposes, no
 * batch) computed over the non-zeros of a mostly-zero operand, or else by a
 * contiguous i-p-j loop about 5× faster than tfjs-cpu's; every other case
 * (batches, transposes, tiny products) runs tfjs's own kernel (`stockConfig`).
 */
export function makeBatchMatMulConfig(stockConfig: KernelConfig): KernelConfig {
  const stock = stockConfig.kernelFunc;
  const kernelFunc = (args: BatchMatMulArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { a, b } = inputs;
    const dims = plainMatMulDims(a, b, attrs);
    if (dims !== undefined) {
      const out = new Float32Array(dims.m * dims.n);
      const [va, vb] = [float32Values(backend, a), float32Values(backend, b)];
      if (!sparseMatMulImpl(va, 0, vb, 0, dims, MAX_DENSITY, out, { a: a.dataId, b: b.dataId })) denseMatMulImpl(va, vb, dims, out);
      return backend.makeTensorInfo([...a.shape.slice(0, -1), dims.n], 'float32', out);
    }
    return stock(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  };
  return { ...stockConfig, kernelName: BatchMatMul, backendName: 'cpu', kernelFunc: kernelFunc as unknown as KernelFunc };
}
