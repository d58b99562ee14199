import { cast, div, equal, maximum, mul, scalar, type GradConfig, type Tensor } from '@tensorflow/tfjs-core';
import type { SegmentReduceAttrs } from '../kernels/kernel_names.js';
import { gatherRows } from '../ops/gather_rows.js';
import { segmentSum } from '../ops/segment_reduce.js';
import { indexGrad } from './index_grad.js';

/**
 * Gradient of segment max/min: `dy[s]` flows to the elements equal to the
 * output, and `k` tied elements get `dy[s] / k` each. This is what PyG 2.6
 * computes on the CPU (`scatter(reduce='max')` is torch's
 * `scatter_reduce(..., 'amax', include_self=False)`, whose backward splits the
 * gradient evenly among ties), so GNN.js matches it element for element.
 */
export function segmentExtremumGradConfig(kernelName: string): GradConfig {
  return {
    kernelName,
    inputsToSave: ['data', 'segmentIds'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [data, ids, out] = saved as [Tensor, Tensor, Tensor];
      const { numSegments } = attrs as unknown as SegmentReduceAttrs;
      return {
        data: () => {
          const isExtremum = cast(equal(data, gatherRows(out, ids)), 'float32');
          const ties = segmentSum(isExtremum, ids, numSegments);
          const share = div(dy as Tensor, maximum(ties, scalar(1)));
          return mul(isExtremum, gatherRows(share, ids));
        },
        segmentIds: indexGrad(ids),
      };
    },
  };
}
