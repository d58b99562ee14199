import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import { GatherRows } from '../kernels/kernel_names.js';
import { segmentSum } from '../ops/segment_reduce.js';
import { indexGrad } from './index_grad.js';

/** d x = segmentSum(dy, indices, N): every picked row returns its gradient to its source. */
export const gatherRowsGradConfig: GradConfig = {
  kernelName: GatherRows,
  inputsToSave: ['x', 'indices'],
  gradFunc: (dy, saved) => {
    const [x, indices] = saved as [Tensor, Tensor];
    return {
      x: () => segmentSum(dy as Tensor, indices, x.shape[0]!),
      indices: indexGrad(indices),
    };
  },
};
