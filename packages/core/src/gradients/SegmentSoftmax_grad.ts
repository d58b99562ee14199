import { mul, sub, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import { SegmentSoftmax, type SegmentSoftmaxAttrs } from '../kernels/kernel_names.js';
import { gatherRows } from '../ops/gather_rows.js';
import { segmentSum } from '../ops/segment_reduce.js';
import { indexGrad } from './index_grad.js';

/** Softmax Jacobian per segment: `d logits = y · (dy − Σ_segment dy·y)`. */
export const segmentSoftmaxGradConfig: GradConfig = {
  kernelName: SegmentSoftmax,
  inputsToSave: ['segmentIds'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [ids, y] = saved as [Tensor, Tensor];
    const { numSegments } = attrs as unknown as SegmentSoftmaxAttrs;
    return {
      logits: () => {
        const g = dy as Tensor;
        const dotPerSegment = segmentSum(mul(g, y), ids, numSegments);
        return mul(y, sub(g, gatherRows(dotPerSegment, ids)));
      },
      segmentIds: indexGrad(ids),
    };
  },
};
