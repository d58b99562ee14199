import {
  AdditiveAttention,
  AdditiveAttentionGrad,
  type AdditiveAttentionAttrs,
  type AdditiveAttentionGradAttrs,
  type AdditiveAttentionGradInputs,
  type AdditiveAttentionInputs,
} from '@gnnjs/core';
import {
  additiveAttentionGradImpl,
  additiveAttentionImpl,
  additiveAttentionLayout,
  type Supplied,
} from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { float32Heap, float32Output, int32Heap } from './heap_values.js';

export function additiveAttention(args: {
  inputs: Supplied<AdditiveAttentionInputs>;
  backend: BackendWasm;
  attrs: AdditiveAttentionAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const numEdges = inputs.edgeIndex.shape[1]!;
  const { outShape, dims } = additiveAttentionLayout(inputs.lhs.shape, inputs.rhs.shape, numEdges);
  const { out, values } = float32Output(backend, outShape);
  const simd = wasmKernelsFor(backend);
  if (simd !== null) {
    const src = heapPointer(backend, inputs.edgeIndex);
    const [lhs, rhs, att] = [inputs.lhs, inputs.rhs, inputs.att].map((t) => heapPointer(backend, t)) as [number, number, number];
    const { numSrcNodes, numDstNodes, heads, channels } = dims;
    simd.additive_attention(src, src + 4 * numEdges, numEdges, lhs, rhs, att, heapPointer(backend, out), numSrcNodes, numDstNodes, heads, channels, attrs.negativeSlope);
    return out;
  }
  const edges = int32Heap(backend, inputs.edgeIndex);
  additiveAttentionImpl(
    edges.subarray(0, numEdges),
    edges.subarray(numEdges, 2 * numEdges),
    float32Heap(backend, inputs.lhs),
    float32Heap(backend, inputs.rhs),
    float32Heap(backend, inputs.att),
    attrs.negativeSlope,
    dims,
    values,
  );
  return out;
}

export function additiveAttentionGrad(args: {
  inputs: Supplied<AdditiveAttentionGradInputs>;
  backend: BackendWasm;
  attrs: AdditiveAttentionGradAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { lhs, rhs, att } = inputs;
  const numEdges = inputs.edgeIndex.shape[1]!;
  const { dims } = additiveAttentionLayout(lhs.shape, rhs.shape, numEdges);
  // Every output first: a later allocation may grow the heap and detach earlier views.
  const outputs = [backend.makeOutput(lhs.shape, 'float32'), backend.makeOutput(rhs.shape, 'float32'), backend.makeOutput(att.shape, 'float32')];
  const simd = wasmKernelsFor(backend);
  if (simd !== null) {
    // dAtt sums over every edge: float64 accumulators (two floats each) keep E roundings out of it.
    const scratch = backend.makeOutput([2 * dims.heads * dims.channels], 'float32');
    const src = heapPointer(backend, inputs.edgeIndex);
    const [pl, pr, pa, pdy] = [lhs, rhs, att, inputs.dy].map((t) => heapPointer(backend, t)) as [number, number, number, number];
    const [dl, dr, da] = outputs.map((t) => heapPointer(backend, t)) as [number, number, number];
    const { numSrcNodes, numDstNodes, heads, channels } = dims;
    simd.additive_attention_grad(
      src, src + 4 * numEdges, numEdges, pl, pr, pa, pdy, dl, dr, da, heapPointer(backend, scratch),
      numSrcNodes, numDstNodes, heads, channels, attrs.negativeSlope,
    );
    backend.disposeData(scratch.dataId);
    return outputs;
  }
  const [dLhs, dRhs, dAtt] = outputs.map((t) => float32Heap(backend, t)) as [Float32Array, Float32Array, Float32Array];
  const edges = int32Heap(backend, inputs.edgeIndex);
  additiveAttentionGradImpl(
    edges.subarray(0, numEdges),
    edges.subarray(numEdges, 2 * numEdges),
    float32Heap(backend, lhs),
    float32Heap(backend, rhs),
    float32Heap(backend, att),
    float32Heap(backend, inputs.dy),
    attrs.negativeSlope,
    dims,
    dLhs,
    dRhs,
    dAtt,
  );
  return outputs;
}

export const additiveAttentionConfig: KernelConfig = {
  kernelName: AdditiveAttention,
  backendName: 'wasm',
  kernelFunc: additiveAttention as unknown as KernelFunc,
};

export const additiveAttentionGradConfig: KernelConfig = {
  kernelName: AdditiveAttentionGrad,
  backendName: 'wasm',
  kernelFunc: additiveAttentionGrad as unknown as KernelFunc,
};
