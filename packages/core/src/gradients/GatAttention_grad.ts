import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import { GatAttention, GatAttentionGrad, type GatAttentionAttrs, type GatAttentionGradInputs } from '../kernels/kernel_names.js';
import { runGnnKernel } from '../ops/run_kernel.js';
import { indexGrad } from './index_grad.js';

/**
 * The three gradients from one `GatAttentionGrad` call, which recomputes the
 * logits and coefficients from the saved node scores: nothing `[E, H]` is
 * kept between the forward and the backward pass.
 */
export const gatAttentionGradConfig: GradConfig = {
  kernelName: GatAttention,
  inputsToSave: ['edgeIndex', 'x', 'scoreSrc', 'scoreDst'],
  gradFunc: (dy, saved, attrs) => {
    const [edgeIndex, x, scoreSrc, scoreDst] = saved as [Tensor, Tensor, Tensor, Tensor];
    const inputs: GatAttentionGradInputs = { edgeIndex, x, scoreSrc, scoreDst, dy: dy as Tensor };
    const { numDstNodes, dropoutRate, seed, negativeSlope } = attrs as unknown as GatAttentionAttrs;
    const grads = runGnnKernel(GatAttentionGrad, inputs, { numDstNodes, dropoutRate, seed, negativeSlope });
    const [dx, dScoreSrc, dScoreDst] = grads as unknown as [Tensor, Tensor, Tensor];
    return { x: () => dx, scoreSrc: () => dScoreSrc, scoreDst: () => dScoreDst, edgeIndex: indexGrad(edgeIndex) };
  },
};
