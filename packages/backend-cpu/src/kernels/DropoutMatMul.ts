import {
  DropoutMatMul,
  DropoutMatMulGrad,
  type DropoutMatMulAttrs,
  type DropoutMatMulGradInputs,
  type DropoutMatMulInputs,
} from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { droppedCsr, droppedDense, registeredMatMul, transposeImpl } from '../kernels_impl/dropout_matmul_impl.js';
import { MIN_ZERO_SKIPPING_WORK, csrLeftMatMul, csrRightMatMul, type Supplied } from '../kernels_impl/index.js';
import { cpuMemory, float32Values } from './cpu_values.js';

/**
 * `dropout(x) · weightᵀ` from the non-zeros of bag-of-words features (the
 * mask drawn over those only, nothing of `[M, K]` made); a dense or small
 * `x` takes dropout and the registered `BatchMatMul`, the unfused path.
 */
export function dropoutMatMul(args: { inputs: Supplied<DropoutMatMulInputs>; backend: MathBackendCPU; attrs: DropoutMatMulAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const [m, k] = inputs.x.shape as [number, number];
  const n = inputs.weight.shape[0]!;
  const x = float32Values(backend, inputs.x);
  const weightT = new Float32Array(k * n);
  transposeImpl(float32Values(backend, inputs.weight), n, k, weightT);
  const dims = { m, k, n };
  const dropped = m * k * n >= MIN_ZERO_SKIPPING_WORK ? droppedCsr(inputs.x.dataId, x, m, k, attrs.rate, attrs.seed) : undefined;
  if (dropped === undefined) return registeredMatMul(cpuMemory, backend, droppedDense(x, attrs.rate, attrs.seed), weightT, dims);
  const { out, values } = cpuMemory.float32Output(backend, [m, n]);
  csrLeftMatMul(dropped, weightT, 0, dims, values);
  return out;
}

/** `dyᵀ · dropout(x)` from the forward's mask of the non-zeros (or the unfused path, as above). */
export function dropoutMatMulGrad(args: { inputs: Supplied<DropoutMatMulGradInputs>; backend: MathBackendCPU; attrs: DropoutMatMulAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const [m, k] = inputs.x.shape as [number, number];
  const n = inputs.dy.shape[1]!;
  const x = float32Values(backend, inputs.x);
  const dyT = new Float32Array(n * m);
  transposeImpl(float32Values(backend, inputs.dy), m, n, dyT);
  const dims = { m: n, k: m, n: k };
  const dropped = m * k * n >= MIN_ZERO_SKIPPING_WORK ? droppedCsr(inputs.x.dataId, x, m, k, attrs.rate, attrs.seed) : undefined;
  if (dropped === undefined) return registeredMatMul(cpuMemory, backend, dyT, droppedDense(x, attrs.rate, attrs.seed), dims);
  const { out, values } = cpuMemory.float32Output(backend, [n, k]);
  csrRightMatMul(dyT, 0, dropped, dims, values);
  return out;
}

export const dropoutMatMulConfig: KernelConfig = {
  kernelName: DropoutMatMul,
  backendName: 'cpu',
  kernelFunc: dropoutMatMul as unknown as KernelFunc,
};

export const dropoutMatMulGradConfig: KernelConfig = {
  kernelName: DropoutMatMulGrad,
  backendName: 'cpu',
  kernelFunc: dropoutMatMulGrad as unknown as KernelFunc,
};
