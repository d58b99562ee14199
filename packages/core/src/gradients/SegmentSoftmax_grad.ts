import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import {
  SegmentSoftmax,
  SegmentSoftmaxGrad,
  type SegmentSoftmaxAttrs,
  type SegmentSoftmaxGradInputs,
} from '../kernels/kernel_names.js';
import { runGnnKernel } from '../ops/run_kernel.js';
import { indexGrad } from './index_grad.js';

/** Softmax Jacobian per segment, `d logits = y · (dy − Σ_segment dy·y)`, as one kernel. */
export const segmentSoftmaxGradConfig: GradConfig = {
  kernelName: SegmentSoftmax,
  inputsToSave: ['segmentIds'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [ids, y] = saved as [Tensor, Tensor];
    const { numSegments } = attrs as unknown as SegmentSoftmaxAttrs;
    const inputs: SegmentSoftmaxGradInputs = { y, dy: dy as Tensor, segmentIds: ids };
    return {
      logits: () => runGnnKernel(SegmentSoftmaxGrad, inputs, { numSegments }),
      segmentIds: indexGrad(ids),
    };
  },
};
