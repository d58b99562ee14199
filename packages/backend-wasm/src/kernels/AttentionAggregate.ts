import {
  GatAttention,
  GatAttentionGrad,
  SoftmaxAggregate,
  SoftmaxAggregateGrad,
  dropoutKey,
  dropoutScale,
  dropoutThreshold,
  type AttentionAggregateAttrs,
  type GatAttentionAttrs,
  type GatAttentionGradInputs,
  type GatAttentionInputs,
  type SoftmaxAggregateGradInputs,
  type SoftmaxAggregateInputs,
} from '@gnnjs/core';
import {
  attentionAggregateDims,
  attentionAggregateGradImpl,
  attentionAggregateImpl,
  cachedTargetOrder,
  type AttentionAggregateDims,
  type LogitSource,
  type Supplied,
  type TargetOrder,
} from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor, type GnnWasmKernels } from '../simd/gnn_kernels.js';
import { float32Heap, int32Heap } from './heap_values.js';

type ForwardInputs = Supplied<SoftmaxAggregateInputs> | Supplied<GatAttentionInputs>;
type BackwardInputs = Supplied<SoftmaxAggregateGradInputs> | Supplied<GatAttentionGradInputs>;

/** The edges grouped by target, sorted once per edge tensor (in JS memory, which the heap's growth never moves). */
function targetOrderOf(backend: BackendWasm, edgeIndex: TensorInfo, dims: AttentionAggregateDims): TargetOrder {
  const numEdges = edgeIndex.shape[1]!;
  const edges = int32Heap(backend, edgeIndex);
  return cachedTargetOrder(edgeIndex.dataId, edges.subarray(0, numEdges), edges.subarray(numEdges, 2 * numEdges), dims.numSrcNodes, dims.numDstNodes);
}

/** Heads rounded up to 4: the per-head scratch rows of the SIMD kernels. */
function paddedHeads(heads: number): number {
  return (heads + 3) & ~3;
}

/**
 * Runs `body` with the target order and `scratchFloats` floats of scratch on
 * the heap (one int32 allocation, freed afterwards): returns the pointers.
 */
function withHeapOrder(
  backend: BackendWasm,
  target: TargetOrder,
  scratchFloats: number,
  body: (order: number, start: number, scratch: number) => void,
): void {
  const n = target.order.length;
  const m = target.start.length;
  // Scratch first, 16-byte aligned (its float64 or v128 rows), then start, then order.
  const scratchInts = (scratchFloats + 3) & ~3;
  const block = backend.makeOutput([scratchInts + m + n], 'int32');
  try {
    const base = heapPointer(backend, block);
    const view = int32Heap(backend, block);
    view.set(target.start, scratchInts);
    view.set(target.order, scratchInts + m);
    body(base + 4 * (scratchInts + m), base + 4 * scratchInts, base);
  } finally {
    backend.disposeData(block.dataId);
  }
}

function dropoutArgs(attrs: AttentionAggregateAttrs): [number, number, number, number] {
  const dropping = attrs.dropoutRate > 0;
  return [dropping ? 1 : 0, dropping ? dropoutKey(attrs.seed) | 0 : 0, dropoutThreshold(attrs.dropoutRate), dropoutScale(attrs.dropoutRate)];
}

/** Pointers of the logit source: `[logits, scoreSrc, scoreDst, slope]`, with `logits` 0 for GAT's scores. */
function sourceArgs(backend: BackendWasm, inputs: ForwardInputs, attrs: AttentionAggregateAttrs): [number, number, number, number] {
  if ('logits' in inputs) return [heapPointer(backend, inputs.logits), 0, 0, 1];
  return [0, heapPointer(backend, inputs.scoreSrc), heapPointer(backend, inputs.scoreDst), (attrs as GatAttentionAttrs).negativeSlope];
}

function logitSource(backend: BackendWasm, inputs: ForwardInputs, attrs: AttentionAggregateAttrs): LogitSource {
  if ('logits' in inputs) return { logits: float32Heap(backend, inputs.logits) };
  return { scoreSrc: float32Heap(backend, inputs.scoreSrc), scoreDst: float32Heap(backend, inputs.scoreDst), negativeSlope: (attrs as GatAttentionAttrs).negativeSlope };
}

function aggregate(args: { inputs: ForwardInputs; backend: BackendWasm; attrs: AttentionAggregateAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dims = attentionAggregateDims(inputs.x.shape, attrs.numDstNodes);
  const out = backend.makeOutput([attrs.numDstNodes, dims.heads, dims.channels], 'float32');
  const target = targetOrderOf(backend, inputs.edgeIndex, dims);
  const simd: GnnWasmKernels | null = wasmKernelsFor(backend);
  if (simd !== null) {
    const scratchFloats = 4 * paddedHeads(dims.heads) + target.maxDegree * dims.heads;
    withHeapOrder(backend, target, scratchFloats, (order, start, scratch) => {
      simd.attention_aggregate(
        heapPointer(backend, inputs.edgeIndex), order, start, attrs.numDstNodes,
        heapPointer(backend, inputs.x), ...sourceArgs(backend, inputs, attrs), dims.heads, dims.channels,
        ...dropoutArgs(attrs), heapPointer(backend, out), scratch,
      );
    });
    return out;
  }
  const numEdges = inputs.edgeIndex.shape[1]!;
  attentionAggregateImpl(
    int32Heap(backend, inputs.edgeIndex).subarray(0, numEdges), target, float32Heap(backend, inputs.x),
    logitSource(backend, inputs, attrs), dims, { rate: attrs.dropoutRate, seed: attrs.seed }, float32Heap(backend, out),
  );
  return out;
}

function aggregateGrad(args: { inputs: BackwardInputs; backend: BackendWasm; attrs: AttentionAggregateAttrs }): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const dims = attentionAggregateDims(inputs.x.shape, attrs.numDstNodes);
  const numEdges = inputs.edgeIndex.shape[1]!;
  // Every output first: a later allocation may grow the heap and detach earlier views.
  const dx = backend.makeOutput(inputs.x.shape, 'float32');
  const rest =
    'logits' in inputs
      ? [backend.makeOutput(inputs.logits.shape, 'float32')]
      : [backend.makeOutput(inputs.scoreSrc.shape, 'float32'), backend.makeOutput(inputs.scoreDst.shape, 'float32')];
  const target = targetOrderOf(backend, inputs.edgeIndex, dims);
  const simd = wasmKernelsFor(backend);
  if (simd !== null) {
    const scratchFloats = 4 * paddedHeads(dims.heads) + 2 * target.maxDegree * dims.heads;
    const [first, second] = rest.map((t) => heapPointer(backend, t)) as [number, number | undefined];
    const logitGrads: [number, number, number] = 'logits' in inputs ? [first, 0, 0] : [0, first, second!];
    withHeapOrder(backend, target, scratchFloats, (order, start, scratch) => {
      simd.attention_aggregate_grad(
        heapPointer(backend, inputs.edgeIndex), order, start, attrs.numDstNodes, dims.numSrcNodes, numEdges,
        heapPointer(backend, inputs.x), ...sourceArgs(backend, inputs, attrs), dims.heads, dims.channels,
        ...dropoutArgs(attrs), heapPointer(backend, inputs.dy), heapPointer(backend, dx), ...logitGrads, scratch, target.maxDegree,
      );
    });
    return [dx, ...rest];
  }
  const views = rest.map((t) => float32Heap(backend, t)) as [Float32Array, Float32Array | undefined];
  attentionAggregateGradImpl(
    int32Heap(backend, inputs.edgeIndex).subarray(0, numEdges), target, float32Heap(backend, inputs.x),
    logitSource(backend, inputs, attrs), dims, { rate: attrs.dropoutRate, seed: attrs.seed },
    float32Heap(backend, inputs.dy), float32Heap(backend, dx),
    'logits' in inputs ? { dLogits: views[0] } : { dScoreSrc: views[0], dScoreDst: views[1]! },
  );
  return [dx, ...rest];
}

export const softmaxAggregateConfig: KernelConfig = { kernelName: SoftmaxAggregate, backendName: 'wasm', kernelFunc: aggregate as unknown as KernelFunc };
export const softmaxAggregateGradConfig: KernelConfig = {
  kernelName: SoftmaxAggregateGrad,
  backendName: 'wasm',
  kernelFunc: aggregateGrad as unknown as KernelFunc,
};
export const gatAttentionConfig: KernelConfig = { kernelName: GatAttention, backendName: 'wasm', kernelFunc: aggregate as unknown as KernelFunc };
export const gatAttentionGradConfig: KernelConfig = { kernelName: GatAttentionGrad, backendName: 'wasm', kernelFunc: aggregateGrad as unknown as KernelFunc };
