import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';

/** Product of the dimensions of `shape` (1 for a scalar shape). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The kernel's backend, typed as the WebGPU backend it is registered for. */
export function asWebGPU(backend: unknown): WebGPUBackend {
  return backend as WebGPUBackend;
}

/** A float32 tensor of zeros with the given shape (also serves empty shapes). */
export function zeros(backend: WebGPUBackend, shape: number[]): TensorInfo {
  return backend.makeTensorInfo(shape, 'float32', new Float32Array(sizeOf(shape)));
}

/** A required kernel input (core's ops always pass it). */
export function input(inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new Error(`GNN kernel input '${name}' is missing`);
  return t;
}
