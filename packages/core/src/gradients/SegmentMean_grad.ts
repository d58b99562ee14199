import { cast, div, maximum, onesLike, scalar, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import { SegmentMean, type SegmentReduceAttrs } from '../kernels/kernel_names.js';
import { expandTrailing } from '../kernels/composite/edge_endpoints.js';
import { gatherRows } from '../ops/gather_rows.js';
import { segmentSum } from '../ops/segment_reduce.js';
import { indexGrad } from './index_grad.js';

/** d data[e] = dy[s] / max(count[s], 1) with s = segmentIds[e]. */
export const segmentMeanGradConfig: GradConfig = {
  kernelName: SegmentMean,
  inputsToSave: ['segmentIds'],
  gradFunc: (dy, saved, attrs) => {
    const [ids] = saved as [Tensor];
    const { numSegments } = attrs as unknown as SegmentReduceAttrs;
    return {
      data: () => {
        const g = dy as Tensor;
        const counts = segmentSum(cast(onesLike(ids), 'float32'), ids, numSegments);
        return gatherRows(div(g, expandTrailing(maximum(counts, scalar(1)), g.rank)), ids);
      },
      segmentIds: indexGrad(ids),
    };
  },
};
