import {
  AttentionProjection,
  AttentionProjectionGrad,
  type AttentionProjectionGradInputs,
  type AttentionProjectionInputs,
} from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { attentionProjectionGradImpl, attentionProjectionImpl, sizeOf, type Supplied } from '../kernels_impl/index.js';
import { float32Values } from './cpu_values.js';

export function attentionProjection(args: { inputs: Supplied<AttentionProjectionInputs>; backend: MathBackendCPU }): TensorInfo {
  const { inputs, backend } = args;
  const [n, heads, channels] = inputs.x.shape as [number, number, number];
  const out = new Float32Array(n * heads);
  attentionProjectionImpl(float32Values(backend, inputs.x), float32Values(backend, inputs.att), heads, channels, out);
  return backend.makeTensorInfo([n, heads], 'float32', out);
}

export function attentionProjectionGrad(args: { inputs: Supplied<AttentionProjectionGradInputs>; backend: MathBackendCPU }): TensorInfo[] {
  const { inputs, backend } = args;
  const { x, att } = inputs;
  const [, heads, channels] = x.shape as [number, number, number];
  const dx = new Float32Array(sizeOf(x.shape));
  const dAtt = new Float32Array(sizeOf(att.shape));
  attentionProjectionGradImpl(float32Values(backend, x), float32Values(backend, att), float32Values(backend, inputs.dy), heads, channels, dx, dAtt);
  return [backend.makeTensorInfo(x.shape, 'float32', dx), backend.makeTensorInfo(att.shape, 'float32', dAtt)];
}

export const attentionProjectionConfig: KernelConfig = {
  kernelName: AttentionProjection,
  backendName: 'cpu',
  kernelFunc: attentionProjection as unknown as KernelFunc,
};

export const attentionProjectionGradConfig: KernelConfig = {
  kernelName: AttentionProjectionGrad,
  backendName: 'cpu',
  kernelFunc: attentionProjectionGrad as unknown as KernelFunc,
};
