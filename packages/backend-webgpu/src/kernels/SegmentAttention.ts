import {
  SegmentAttention,
  SegmentAttentionGrad,
  dropoutKey,
  dropoutScale,
  dropoutThreshold,
  type SegmentAttentionAttrs,
} from '@gnnjs/core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { segmentCsr } from '../csr/csr_cache.js';
import { asWebGPU, input, sizeOf, zeros } from '../kernel_utils.js';
import {
  segmentAttentionGradProgram,
  segmentAttentionProgram,
  segmentAttentionStatsProgram,
  segmentBoundsProgram,
} from '../programs/attention_programs.js';
import { runFlatProgram } from '../programs/flat_program.js';
import { float32Bits } from './uniform_bits.js';

const GRAD_QUERY = segmentAttentionGradProgram('query');
const GRAD_KEY = segmentAttentionGradProgram('key');
const GRAD_VALUE = segmentAttentionGradProgram('value');

/** The programs' uniforms (see `ATTENTION_UNIFORMS`), from the shapes and attributes. */
function uniforms(query: TensorInfo, value: TensorInfo, attrs: SegmentAttentionAttrs): number[] {
  const [numNodes, heads, keyDim] = query.shape as [number, number, number];
  const dropping = attrs.dropoutRate > 0;
  return [
    numNodes,
    heads,
    keyDim,
    value.shape[2]!,
    attrs.numSegments,
    float32Bits(attrs.scale),
    dropping ? dropoutKey(attrs.seed) | 0 : 0,
    dropping ? dropoutThreshold(attrs.dropoutRate) : 0,
    float32Bits(dropping ? dropoutScale(attrs.dropoutRate) : 1),
    dropping ? 1 : 0,
  ];
}

/** True when there is nothing to attend to (WebGPU cannot bind empty buffers). */
function nothingToDo(query: TensorInfo, value: TensorInfo, attrs: SegmentAttentionAttrs): boolean {
  return sizeOf(query.shape) === 0 || sizeOf(value.shape) === 0 || attrs.numSegments === 0;
}

function segmentAttention({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const [query, key, value, ids] = ['query', 'key', 'value', 'segmentIds'].map((n) => input(inputs, n)) as [TensorInfo, TensorInfo, TensorInfo, TensorInfo];
  const typed = attrs as unknown as SegmentAttentionAttrs;
  const webgpu = asWebGPU(backend);
  if (nothingToDo(query, value, typed)) return zeros(webgpu, [...value.shape]);
  const { perm, indptr } = segmentCsr(webgpu, ids, typed.numSegments);
  return runFlatProgram(webgpu, segmentAttentionProgram, [query, key, value, ids, perm, indptr], {
    threads: query.shape[0]! * query.shape[1]!,
    outputShape: [...value.shape],
    uniforms: uniforms(query, value, typed),
  });
}

/** Row statistics (`[N·H, 2]`) and per-node segment bounds first, then one program per gradient. */
function segmentAttentionGrad({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo[] {
  const names = ['query', 'key', 'value', 'segmentIds', 'output', 'dy'];
  const [query, key, value, ids, output, dy] = names.map((n) => input(inputs, n)) as TensorInfo[] as [
    TensorInfo,
    TensorInfo,
    TensorInfo,
    TensorInfo,
    TensorInfo,
    TensorInfo,
  ];
  const typed = attrs as unknown as SegmentAttentionAttrs;
  const webgpu: WebGPUBackend = asWebGPU(backend);
  if (nothingToDo(query, value, typed)) {
    return [zeros(webgpu, [...query.shape]), zeros(webgpu, [...key.shape]), zeros(webgpu, [...value.shape])];
  }
  const { perm, indptr } = segmentCsr(webgpu, ids, typed.numSegments);
  const rows = query.shape[0]! * query.shape[1]!;
  const u = uniforms(query, value, typed);
  const stats = runFlatProgram(webgpu, segmentAttentionStatsProgram, [query, key, ids, perm, indptr, dy, output], {
    threads: rows,
    outputShape: [rows, 2],
    uniforms: u,
  });
  const bounds = runFlatProgram(webgpu, segmentBoundsProgram, [ids, indptr], {
    threads: query.shape[0]!,
    outputShape: [query.shape[0]!, 2],
    outputDtype: 'int32',
    uniforms: u,
  });
  const run = (spec: typeof GRAD_QUERY, shape: readonly number[]): TensorInfo =>
    runFlatProgram(webgpu, spec, [query, key, value, bounds, perm, dy, stats], { threads: rows, outputShape: [...shape], uniforms: u });
  try {
    return [run(GRAD_QUERY, query.shape), run(GRAD_KEY, key.shape), run(GRAD_VALUE, value.shape)];
  } finally {
    webgpu.disposeData(stats.dataId);
    webgpu.disposeData(bounds.dataId);
  }
}

export const segmentAttentionConfig: KernelConfig = {
  kernelName: SegmentAttention,
  backendName: 'webgpu',
  kernelFunc: segmentAttention,
};

export const segmentAttentionGradConfig: KernelConfig = {
  kernelName: SegmentAttentionGrad,
  backendName: 'webgpu',
  kernelFunc: segmentAttentionGrad,
};
