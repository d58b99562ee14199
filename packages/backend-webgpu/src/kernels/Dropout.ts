import { Dropout, dropoutKey, dropoutScale, dropoutThreshold, type DropoutAttrs } from '@gnnjs/core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { asWebGPU, input, sizeOf, zeros } from '../kernel_utils.js';
import { dropoutProgram } from '../programs/elementwise_programs.js';
import { runFlatProgram } from '../programs/flat_program.js';
import { float32Bits } from './uniform_bits.js';

/** Draws the mask on the GPU: nothing is uploaded but three integers. */
function dropout({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const x = input(inputs, 'x');
  const { rate, seed } = attrs as unknown as DropoutAttrs;
  const webgpu = asWebGPU(backend);
  const size = sizeOf(x.shape);
  if (size === 0) return zeros(webgpu, [...x.shape]);
  return runFlatProgram(webgpu, dropoutProgram, [x], {
    threads: size,
    outputShape: [...x.shape],
    uniforms: [dropoutKey(seed) | 0, dropoutThreshold(rate), float32Bits(dropoutScale(rate))],
  });
}

export const dropoutConfig: KernelConfig = {
  kernelName: Dropout,
  backendName: 'webgpu',
  kernelFunc: dropout,
};
