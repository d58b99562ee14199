import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import {
  SegmentAttention,
  SegmentAttentionGrad,
  type SegmentAttentionAttrs,
  type SegmentAttentionGradInputs,
} from '../kernels/kernel_names.js';
import { runGnnKernel } from '../ops/run_kernel.js';
import { indexGrad } from './index_grad.js';

/**
 * One `SegmentAttentionGrad` call gives all three gradients, from the saved
 * inputs and output (the attention itself is recomputed, never stored). As
 * for additive attention, it runs before the per-input thunks, which tfjs
 * wraps in separate `tidy`s.
 */
export const segmentAttentionGradConfig: GradConfig = {
  kernelName: SegmentAttention,
  inputsToSave: ['query', 'key', 'value', 'segmentIds'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [query, key, value, segmentIds, output] = saved as [Tensor, Tensor, Tensor, Tensor, Tensor];
    const inputs: SegmentAttentionGradInputs = { query, key, value, segmentIds, output, dy: dy as Tensor };
    const { numSegments, scale, dropoutRate, seed } = attrs as unknown as SegmentAttentionAttrs;
    const grads = runGnnKernel(SegmentAttentionGrad, inputs, { numSegments, scale, dropoutRate, seed });
    const [dQuery, dKey, dValue] = grads as unknown as [Tensor, Tensor, Tensor];
    return { query: () => dQuery, key: () => dKey, value: () => dValue, segmentIds: indexGrad(segmentIds) };
  },
};
