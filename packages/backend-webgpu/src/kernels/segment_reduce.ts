/** Shared body of the four segment-reduction kernels. */
import type { SegmentReduceAttrs } from '@gnnjs/core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { segmentCsr } from '../csr/csr_cache.js';
import { asWebGPU, input, sizeOf, zeros } from '../kernel_utils.js';
import { runFlatProgram } from '../programs/flat_program.js';
import { segmentReduceProgram, type SegmentReducer } from '../programs/segment_programs.js';

export function segmentReduceKernel(reducer: SegmentReducer): KernelFunc {
  const program = segmentReduceProgram(reducer);
  return ({ inputs, backend, attrs }): TensorInfo => {
    const data = input(inputs, 'data');
    const segmentIds = input(inputs, 'segmentIds');
    const { numSegments } = attrs as unknown as SegmentReduceAttrs;
    const webgpu = asWebGPU(backend);
    const rowSize = sizeOf(data.shape.slice(1));
    const outShape = [numSegments, ...data.shape.slice(1)];
    if (sizeOf(outShape) === 0 || data.shape[0] === 0) return zeros(webgpu, outShape);
    const { perm, indptr } = segmentCsr(webgpu, segmentIds, numSegments);
    return runFlatProgram(webgpu, program, [data, perm, indptr], {
      threads: sizeOf(outShape),
      outputShape: outShape,
      uniforms: [rowSize],
    });
  };
}
