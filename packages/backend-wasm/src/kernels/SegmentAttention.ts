import {
  SegmentAttention,
  SegmentAttentionGrad,
  type SegmentAttentionAttrs,
  type SegmentAttentionGradInputs,
  type SegmentAttentionInputs,
} from '@gnnjs/core';
import {
  segmentAttentionDims,
  segmentAttentionGradImpl,
  segmentAttentionImpl,
  segmentGroups,
  type Supplied,
} from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor, type GnnWasmKernels } from '../simd/gnn_kernels.js';
import { float32Heap, int32Heap } from './heap_values.js';

/** Heap scratch of the SIMD kernels: nodes grouped by segment and one row of probabilities. */
interface Scratch {
  order: TensorInfo;
  starts: TensorInfo;
  p: TensorInfo;
}

/**
 * Groups the nodes by segment on the host (counting sort, O(N)) into heap
 * buffers. Allocates before any view is taken: an allocation may grow the
 * heap and detach earlier views.
 */
function groupOnHeap(backend: BackendWasm, ids: TensorInfo, numSegments: number): Scratch {
  const groups = segmentGroups(Int32Array.from(int32Heap(backend, ids)), numSegments);
  const order = backend.makeOutput([Math.max(groups.order.length, 1)], 'int32');
  const starts = backend.makeOutput([numSegments + 1], 'int32');
  const p = backend.makeOutput([Math.max(groups.largest, 1)], 'float32');
  int32Heap(backend, order).set(groups.order);
  int32Heap(backend, starts).set(groups.starts);
  return { order, starts, p };
}

function release(backend: BackendWasm, scratch: Scratch): void {
  for (const t of [scratch.order, scratch.starts, scratch.p]) backend.disposeData(t.dataId);
}

/** The SIMD kernels, when they run here and the call has no dropout (dropout runs the typed-array twin). */
function simdFor(backend: BackendWasm, attrs: SegmentAttentionAttrs): GnnWasmKernels | null {
  return attrs.dropoutRate === 0 ? wasmKernelsFor(backend) : null;
}

export function segmentAttention(args: {
  inputs: Supplied<SegmentAttentionInputs>;
  backend: BackendWasm;
  attrs: SegmentAttentionAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dims = segmentAttentionDims(inputs.query.shape, inputs.value.shape, attrs);
  const out = backend.makeOutput(inputs.value.shape, 'float32');
  const simd = simdFor(backend, attrs);
  if (simd !== null) {
    const scratch = groupOnHeap(backend, inputs.segmentIds, attrs.numSegments);
    float32Heap(backend, out).fill(0);
    const [q, k, v] = [inputs.query, inputs.key, inputs.value].map((t) => heapPointer(backend, t)) as [number, number, number];
    simd.segment_attention(
      q, k, v, heapPointer(backend, scratch.order), heapPointer(backend, scratch.starts), attrs.numSegments,
      dims.heads, dims.keyDim, dims.valueDim, attrs.scale, heapPointer(backend, out), heapPointer(backend, scratch.p),
    );
    release(backend, scratch);
    return out;
  }
  const values = float32Heap(backend, out).fill(0);
  segmentAttentionImpl(
    float32Heap(backend, inputs.query),
    float32Heap(backend, inputs.key),
    float32Heap(backend, inputs.value),
    int32Heap(backend, inputs.segmentIds),
    dims,
    values,
  );
  return out;
}

export function segmentAttentionGrad(args: {
  inputs: Supplied<SegmentAttentionGradInputs>;
  backend: BackendWasm;
  attrs: SegmentAttentionAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { query, key, value } = inputs;
  const dims = segmentAttentionDims(query.shape, value.shape, attrs);
  // Every output first: a later allocation may grow the heap and detach earlier views.
  const grads = [query, key, value].map((t) => backend.makeOutput(t.shape, 'float32')) as [TensorInfo, TensorInfo, TensorInfo];
  const simd = simdFor(backend, attrs);
  if (simd !== null) {
    const scratch = groupOnHeap(backend, inputs.segmentIds, attrs.numSegments);
    for (const g of grads) float32Heap(backend, g).fill(0);
    const at = (t: TensorInfo): number => heapPointer(backend, t);
    simd.segment_attention_grad(
      at(query), at(key), at(value), at(scratch.order), at(scratch.starts), attrs.numSegments,
      dims.heads, dims.keyDim, dims.valueDim, attrs.scale,
      at(inputs.output), at(inputs.dy), at(grads[0]), at(grads[1]), at(grads[2]), at(scratch.p),
    );
    release(backend, scratch);
    return grads;
  }
  const [dq, dk, dv] = grads.map((t) => float32Heap(backend, t).fill(0)) as [Float32Array, Float32Array, Float32Array];
  segmentAttentionGradImpl(
    float32Heap(backend, query),
    float32Heap(backend, key),
    float32Heap(backend, value),
    int32Heap(backend, inputs.segmentIds),
    float32Heap(backend, inputs.output),
    float32Heap(backend, inputs.dy),
    dims,
    dq,
    dk,
    dv,
  );
  return grads;
}

export const segmentAttentionConfig: KernelConfig = {
  kernelName: SegmentAttention,
  backendName: 'wasm',
  kernelFunc: segmentAttention as unknown as KernelFunc,
};

export const segmentAttentionGradConfig: KernelConfig = {
  kernelName: SegmentAttentionGrad,
  backendName: 'wasm',
  kernelFunc: segmentAttentionGrad as unknown as KernelFunc,
};
