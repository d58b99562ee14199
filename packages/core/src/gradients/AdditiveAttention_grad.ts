import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import { AdditiveAttention, AdditiveAttentionGrad, type AdditiveAttentionAttrs, type AdditiveAttentionGradInputs } from '../kernels/kernel_names.js';
import { runGnnKernel } from '../ops/run_kernel.js';
import { indexGrad } from './index_grad.js';

/**
 * One `AdditiveAttentionGrad` kernel call gives all three gradients. It runs
 * when tfjs asks for the gradients, not inside the per-input thunks: tfjs
 * wraps each thunk in its own `tidy`, which would free the two gradients the
 * first thunk does not return. Those the caller does not need are freed with
 * the rest of the backward pass.
 */
export const additiveAttentionGradConfig: GradConfig = {
  kernelName: AdditiveAttention,
  inputsToSave: ['edgeIndex', 'lhs', 'rhs', 'att'],
  gradFunc: (dy, saved, attrs) => {
    const [edgeIndex, lhs, rhs, att] = saved as [Tensor, Tensor, Tensor, Tensor];
    const inputs: AdditiveAttentionGradInputs = { edgeIndex, lhs, rhs, att, dy: dy as Tensor };
    const { negativeSlope } = attrs as unknown as AdditiveAttentionAttrs;
    const [dLhs, dRhs, dAtt] = runGnnKernel(AdditiveAttentionGrad, inputs, { negativeSlope }) as unknown as [Tensor, Tensor, Tensor];
    return { lhs: () => dLhs, rhs: () => dRhs, att: () => dAtt, edgeIndex: indexGrad(edgeIndex) };
  },
};
