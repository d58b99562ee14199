import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import { SegmentSum } from '../kernels/kernel_names.js';
import { gatherRows } from '../ops/gather_rows.js';
import { indexGrad } from './index_grad.js';

/** d data[e] = dy[segmentIds[e]]. */
export const segmentSumGradConfig: GradConfig = {
  kernelName: SegmentSum,
  inputsToSave: ['segmentIds'],
  gradFunc: (dy, saved) => {
    const [ids] = saved as [Tensor];
    return { data: () => gatherRows(dy as Tensor, ids), segmentIds: indexGrad(ids) };
  },
};
