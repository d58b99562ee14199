import { add, mul, sum, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import type { SDDMMOp } from '../kernel_names.js';
import { gatherRows } from '../../ops/gather_rows.js';
import { edgeEndpoints } from './edge_endpoints.js';

/** Gather both endpoints' rows and combine them per edge. */
export function sddmmComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const { src, dst } = edgeEndpoints(inputs['edgeIndex']!);
  const lhs = gatherRows(inputs['lhs']!, src);
  const rhs = gatherRows(inputs['rhs']!, dst);
  const op = attrs['op'] as SDDMMOp;
  if (op === 'add') return add(lhs, rhs);
  const product = mul(lhs, rhs);
  return op === 'mul' ? product : sum(product, -1);
}
