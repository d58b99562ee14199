import { GatherRows } from '@gnnjs/core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { asWebGPU, input, sizeOf, zeros } from '../kernel_utils.js';
import { runFlatProgram } from '../programs/flat_program.js';
import { GATHER_ROWS } from '../programs/gather_program.js';

function gatherRows({ inputs, backend }: Parameters<KernelFunc>[0]): TensorInfo {
  const x = input(inputs, 'x');
  const indices = input(inputs, 'indices');
  const webgpu = asWebGPU(backend);
  const rowSize = sizeOf(x.shape.slice(1));
  const outShape = [indices.shape[0]!, ...x.shape.slice(1)];
  const outSize = sizeOf(outShape);
  if (outSize === 0 || sizeOf(x.shape) === 0) return zeros(webgpu, outShape);
  return runFlatProgram(webgpu, GATHER_ROWS, [x, indices], {
    threads: outSize,
    outputShape: outShape,
    uniforms: [rowSize, x.shape[0]!],
  });
}

export const gatherRowsConfig: KernelConfig = {
  kernelName: GatherRows,
  backendName: 'webgpu',
  kernelFunc: gatherRows,
};
