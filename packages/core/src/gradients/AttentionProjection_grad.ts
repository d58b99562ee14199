import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import { AttentionProjection, AttentionProjectionGrad, type AttentionProjectionGradInputs } from '../kernels/kernel_names.js';
import { runGnnKernel } from '../ops/run_kernel.js';

/**
 * One `AttentionProjectionGrad` call gives both gradients (run before the
 * per-input thunks, which tfjs wraps in separate `tidy`s; see
 * AdditiveAttention_grad.ts).
 */
export const attentionProjectionGradConfig: GradConfig = {
  kernelName: AttentionProjection,
  inputsToSave: ['x', 'att'],
  gradFunc: (dy, saved) => {
    const [x, att] = saved as [Tensor, Tensor];
    const inputs: AttentionProjectionGradInputs = { x, att, dy: dy as Tensor };
    const [dx, dAtt] = runGnnKernel(AttentionProjectionGrad, inputs, {}) as unknown as [Tensor, Tensor];
    return { x: () => dx, att: () => dAtt };
  },
};
