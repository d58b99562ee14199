import {
  AttentionProjection,
  AttentionProjectionGrad,
  type AttentionProjectionGradInputs,
  type AttentionProjectionInputs,
} from '@gnnjs/core';
import { attentionProjectionGradImpl, attentionProjectionImpl, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { float32Heap, float32Output } from './heap_values.js';

export function attentionProjection(args: { inputs: Supplied<AttentionProjectionInputs>; backend: BackendWasm }): TensorInfo {
  const { inputs, backend } = args;
  const [n, heads, channels] = inputs.x.shape as [number, number, number];
  const { out, values } = float32Output(backend, [n, heads]);
  const simd = wasmKernelsFor(backend);
  if (simd !== null) {
    simd.attention_projection(heapPointer(backend, inputs.x), heapPointer(backend, inputs.att), n, heads, channels, heapPointer(backend, out));
    return out;
  }
  attentionProjectionImpl(float32Heap(backend, inputs.x), float32Heap(backend, inputs.att), heads, channels, values);
  return out;
}

export function attentionProjectionGrad(args: { inputs: Supplied<AttentionProjectionGradInputs>; backend: BackendWasm }): TensorInfo[] {
  const { inputs, backend } = args;
  const { x, att, dy } = inputs;
  const [n, heads, channels] = x.shape as [number, number, number];
  // Every output first: a later allocation may grow the heap and detach earlier views.
  const outputs = [backend.makeOutput(x.shape, 'float32'), backend.makeOutput(att.shape, 'float32')] as const;
  const simd = wasmKernelsFor(backend);
  if (simd !== null) {
    // dAtt sums over every node: float64 accumulators (two floats each).
    const scratch = backend.makeOutput([2 * heads * channels], 'float32');
    simd.attention_projection_grad(
      heapPointer(backend, x), heapPointer(backend, att), heapPointer(backend, dy), n, heads, channels,
      heapPointer(backend, outputs[0]), heapPointer(backend, outputs[1]), heapPointer(backend, scratch),
    );
    backend.disposeData(scratch.dataId);
    return [...outputs];
  }
  attentionProjectionGradImpl(
    float32Heap(backend, x), float32Heap(backend, att), float32Heap(backend, dy), heads, channels,
    float32Heap(backend, outputs[0]), float32Heap(backend, outputs[1]),
  );
  return [...outputs];
}

export const attentionProjectionConfig: KernelConfig = {
  kernelName: AttentionProjection,
  backendName: 'wasm',
  kernelFunc: attentionProjection as unknown as KernelFunc,
};

export const attentionProjectionGradConfig: KernelConfig = {
  kernelName: AttentionProjectionGrad,
  backendName: 'wasm',
  kernelFunc: attentionProjectionGrad as unknown as KernelFunc,
};
