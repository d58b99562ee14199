import { unsortedSegmentSum, zeros, type NamedAttrMap, type NamedTensorMap, type Tensor, type Tensor1D } from '@tensorflow/tfjs-core';

/** `out[s] = Σ data[e]` over the rows with `segmentIds[e] = s`; empty segments give 0. */
export function segmentSumComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const data = inputs['data']!;
  const numSegments = attrs['numSegments'] as number;
  // Some backends reject an empty scatter; the answer is all zeros anyway.
  if (data.shape[0] === 0 || numSegments === 0) return zeros([numSegments, ...data.shape.slice(1)]);
  return unsortedSegmentSum(data, inputs['segmentIds'] as Tensor1D, numSegments);
}
