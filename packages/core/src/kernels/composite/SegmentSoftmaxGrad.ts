import { mul, sub, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import { gatherRows } from '../../ops/gather_rows.js';
import { segmentSum } from '../../ops/segment_reduce.js';

/** `y · (dy − gather(segmentSum(dy · y)))`, from the GNN ops. */
export function segmentSoftmaxGradComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const y = inputs['y']!;
  const dy = inputs['dy']!;
  const ids = inputs['segmentIds']!;
  const dotPerSegment = segmentSum(mul(dy, y), ids, attrs['numSegments'] as number);
  return mul(y, sub(dy, gatherRows(dotPerSegment, ids)));
}
