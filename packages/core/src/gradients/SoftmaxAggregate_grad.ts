import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import {
  SoftmaxAggregate,
  SoftmaxAggregateGrad,
  type SoftmaxAggregateAttrs,
  type SoftmaxAggregateGradInputs,
} from '../kernels/kernel_names.js';
import { runGnnKernel } from '../ops/run_kernel.js';
import { indexGrad } from './index_grad.js';

/**
 * Both gradients from one `SoftmaxAggregateGrad` call, which recomputes the
 * attention coefficients from the saved logits: nothing `[E, H]` is kept
 * between the forward and the backward pass but the logits themselves.
 */
export const softmaxAggregateGradConfig: GradConfig = {
  kernelName: SoftmaxAggregate,
  inputsToSave: ['edgeIndex', 'x', 'logits'],
  gradFunc: (dy, saved, attrs) => {
    const [edgeIndex, x, logits] = saved as [Tensor, Tensor, Tensor];
    const inputs: SoftmaxAggregateGradInputs = { edgeIndex, x, logits, dy: dy as Tensor };
    const { numDstNodes, dropoutRate, seed } = attrs as unknown as SoftmaxAggregateAttrs;
    const [dx, dLogits] = runGnnKernel(SoftmaxAggregateGrad, inputs, { numDstNodes, dropoutRate, seed }) as unknown as [Tensor, Tensor];
    return { x: () => dx, logits: () => dLogits, edgeIndex: indexGrad(edgeIndex) };
  },
};
