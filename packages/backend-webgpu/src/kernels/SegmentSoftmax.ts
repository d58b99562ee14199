import { SegmentSoftmax, type SegmentSoftmaxAttrs } from '@gnnjs/core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { segmentCsr } from '../csr/csr_cache.js';
import { asWebGPU, input, sizeOf, zeros } from '../kernel_utils.js';
import { runFlatProgram } from '../programs/flat_program.js';
import { SEGMENT_SOFTMAX } from '../programs/segment_programs.js';

function segmentSoftmax({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const logits = input(inputs, 'logits');
  const segmentIds = input(inputs, 'segmentIds');
  const { numSegments } = attrs as unknown as SegmentSoftmaxAttrs;
  const webgpu = asWebGPU(backend);
  const rowSize = sizeOf(logits.shape.slice(1));
  if (sizeOf(logits.shape) === 0 || numSegments === 0) return zeros(webgpu, logits.shape);
  const { perm, indptr } = segmentCsr(webgpu, segmentIds, numSegments);
  return runFlatProgram(webgpu, SEGMENT_SOFTMAX, [logits, perm, indptr], {
    threads: numSegments * rowSize,
    outputShape: logits.shape,
    uniforms: [rowSize],
  });
}

export const segmentSoftmaxConfig: KernelConfig = {
  kernelName: SegmentSoftmax,
  backendName: 'webgpu',
  kernelFunc: segmentSoftmax,
};
