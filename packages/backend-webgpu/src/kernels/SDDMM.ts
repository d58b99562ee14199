import { SDDMM, type SDDMMAttrs } from '@gnnjs/core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { asWebGPU, input, sizeOf, zeros } from '../kernel_utils.js';
import { runFlatProgram } from '../programs/flat_program.js';
import { sddmmProgram } from '../programs/edge_programs.js';

const PROGRAMS = { add: sddmmProgram('add'), mul: sddmmProgram('mul'), dot: sddmmProgram('dot') };

function sddmm({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const edgeIndex = input(inputs, 'edgeIndex');
  const lhs = input(inputs, 'lhs');
  const rhs = input(inputs, 'rhs');
  const { op } = attrs as unknown as SDDMMAttrs;
  const webgpu = asWebGPU(backend);
  const numEdges = edgeIndex.shape[1]!;
  const features = lhs.shape.slice(1);
  const outShape = [numEdges, ...(op === 'dot' ? features.slice(0, -1) : features)];
  const depth = op === 'dot' ? features[features.length - 1]! : 1;
  if (sizeOf(outShape) === 0 || depth === 0) return zeros(webgpu, outShape);
  return runFlatProgram(webgpu, PROGRAMS[op], [edgeIndex, lhs, rhs], {
    threads: sizeOf(outShape),
    outputShape: outShape,
    uniforms: [numEdges, sizeOf(features), depth],
  });
}

export const sddmmConfig: KernelConfig = {
  kernelName: SDDMM,
  backendName: 'webgpu',
  kernelFunc: sddmm,
};
