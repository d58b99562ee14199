import { AdditiveAttention, type AdditiveAttentionAttrs } from '@gnnjs/core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { asWebGPU, input, zeros } from '../kernel_utils.js';
import { additiveAttentionProgram } from '../programs/edge_programs.js';
import { runFlatProgram } from '../programs/flat_program.js';
import { float32Bits } from './uniform_bits.js';

/**
 * The forward logits in one pass (no `[E, H, C]` tensor). The backward runs
 * core's composite `GnnAdditiveAttentionGrad` on the other WGSL kernels.
 */
function additiveAttention({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const edgeIndex = input(inputs, 'edgeIndex');
  const lhs = input(inputs, 'lhs');
  const rhs = input(inputs, 'rhs');
  const att = input(inputs, 'att');
  const { negativeSlope } = attrs as unknown as AdditiveAttentionAttrs;
  const webgpu = asWebGPU(backend);
  const numEdges = edgeIndex.shape[1]!;
  const [numSrc, heads, channels] = lhs.shape as [number, number, number];
  const numDst = rhs.shape[0]!;
  const outShape = [numEdges, heads];
  if (numEdges * heads === 0 || channels === 0 || numSrc === 0 || numDst === 0) return zeros(webgpu, outShape);
  return runFlatProgram(webgpu, additiveAttentionProgram, [edgeIndex, lhs, rhs, att], {
    threads: numEdges * heads,
    outputShape: outShape,
    uniforms: [numEdges, heads, channels, numSrc, numDst, float32Bits(negativeSlope)],
  });
}

export const additiveAttentionConfig: KernelConfig = {
  kernelName: AdditiveAttention,
  backendName: 'webgpu',
  kernelFunc: additiveAttention,
};
