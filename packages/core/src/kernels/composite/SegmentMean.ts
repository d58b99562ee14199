import { cast, div, maximum, onesLike, scalar, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import { segmentSum } from '../../ops/segment_reduce.js';
import { expandTrailing } from './edge_endpoints.js';

/** Segment sum divided by the segment size; `max(count, 1)` keeps empty segments at 0. */
export function segmentMeanComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const data = inputs['data']!;
  const ids = inputs['segmentIds']!;
  const numSegments = attrs['numSegments'] as number;
  const sums = segmentSum(data, ids, numSegments);
  const counts = segmentSum(cast(onesLike(ids), 'float32'), ids, numSegments);
  return div(sums, expandTrailing(maximum(counts, scalar(1)), data.rank));
}
