import { mul, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import { gatherRows } from '../../ops/gather_rows.js';
import { segmentSum } from '../../ops/segment_reduce.js';
import { edgeEndpoints, expandTrailing } from './edge_endpoints.js';

/** Gather source rows, scale by the edge weight (broadcast over trailing axes), sum into targets. */
export function spmmComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const x = inputs['x']!;
  const weight = inputs['weight'];
  const { src, dst } = edgeEndpoints(inputs['edgeIndex']!);
  const gathered = gatherRows(x, src);
  const messages = weight === undefined ? gathered : mul(gathered, expandTrailing(weight, x.rank));
  return segmentSum(messages, dst, attrs['numDstNodes'] as number);
}
