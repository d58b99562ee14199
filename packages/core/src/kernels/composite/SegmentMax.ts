import { maximum, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import { segmentExtremum } from './segment_extremum.js';

/** Element-wise maximum per segment; empty segments give 0. */
export function segmentMaxComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  return segmentExtremum(inputs['data']!, inputs['segmentIds']!, attrs['numSegments'] as number, maximum);
}
