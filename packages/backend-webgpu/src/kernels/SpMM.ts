import { SpMM, type SpMMAttrs } from '@gnnjs/core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { targetCsr } from '../csr/csr_cache.js';
import { asWebGPU, input, sizeOf, zeros } from '../kernel_utils.js';
import { runFlatProgram } from '../programs/flat_program.js';
import { spmmProgram } from '../programs/edge_programs.js';

const UNWEIGHTED = spmmProgram(false);
const WEIGHTED = spmmProgram(true);

function spmm({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const edgeIndex = input(inputs, 'edgeIndex');
  const x = input(inputs, 'x');
  const weight = inputs['weight'];
  const { numDstNodes } = attrs as unknown as SpMMAttrs;
  const webgpu = asWebGPU(backend);
  const rowSize = sizeOf(x.shape.slice(1));
  const outShape = [numDstNodes, ...x.shape.slice(1)];
  const numEdges = edgeIndex.shape[1]!;
  if (sizeOf(outShape) === 0 || numEdges === 0) return zeros(webgpu, outShape);
  const { perm, indptr } = targetCsr(webgpu, edgeIndex, numDstNodes);
  // A weight [E, ...W] broadcasts over the trailing axes of x that W lacks.
  const weightSize = weight === undefined ? 1 : sizeOf(weight.shape.slice(1));
  const repeat = weightSize === 0 ? 1 : rowSize / weightSize;
  const run = { threads: sizeOf(outShape), outputShape: outShape, uniforms: [rowSize, weightSize, repeat] };
  return weight === undefined
    ? runFlatProgram(webgpu, UNWEIGHTED, [edgeIndex, x, perm, indptr], run)
    : runFlatProgram(webgpu, WEIGHTED, [edgeIndex, x, perm, indptr, weight], run);
}

export const spmmConfig: KernelConfig = {
  kernelName: SpMM,
  backendName: 'webgpu',
  kernelFunc: spmm,
};
