import { matMul, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import { DropoutMatMul, DropoutMatMulGrad, type DropoutMatMulAttrs, type DropoutMatMulGradInputs } from '../kernels/dropout_matmul_kernel.js';
import { seededDropout } from '../ops/dropout.js';
import { runGnnKernel } from '../ops/run_kernel.js';

/**
 * `out = dropout(x) · wᵀ`, so `dw = dyᵀ · dropout(x)` (kernel
 * `GnnDropoutMatMulGrad`, the mask drawn again) and `dx = dropout(dy · w)`
 * with the same mask (computed only when something needs it, never for input
 * features).
 */
export const dropoutMatMulGradConfig: GradConfig = {
  kernelName: DropoutMatMul,
  inputsToSave: ['x', 'weight'],
  gradFunc: (dy, saved, attrs) => {
    const [x, weight] = saved as [Tensor, Tensor];
    const { rate, seed } = attrs as unknown as DropoutMatMulAttrs;
    return {
      weight: () => {
        const inputs: DropoutMatMulGradInputs = { x, dy: dy as Tensor };
        return runGnnKernel(DropoutMatMulGrad, inputs, { rate, seed });
      },
      x: () => seededDropout(matMul(dy as Tensor, weight), rate, seed),
    };
  },
};
