import {
  expandDims,
  greater,
  leakyRelu,
  mul,
  reshape,
  scalar,
  sum,
  where,
  zeros,
  type NamedAttrMap,
  type NamedTensorMap,
  type Tensor,
} from '@tensorflow/tfjs-core';
import type { AdditiveAttentionGradAttrs } from '../kernel_names.js';
import { sddmm } from '../../ops/sddmm.js';
import { segmentSum } from '../../ops/segment_reduce.js';
import { inRangeEdges } from './in_range_edges.js';

/**
 * `[dLhs, dRhs, dAtt]` of the additive attention logits, recomputing the
 * `[E, H, C]` sum `z`: `dz = dy · att · LeakyReLU'(z)` goes back to both
 * endpoints by segment sums, `dAtt = Σ_e dy · LeakyReLU(z)`.
 */
export function additiveAttentionGradComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor[] {
  const edgeIndex = inputs['edgeIndex']!;
  const lhs = inputs['lhs']!;
  const rhs = inputs['rhs']!;
  const att = inputs['att']!;
  const { negativeSlope } = attrs as unknown as AdditiveAttentionGradAttrs;
  const numEdges = edgeIndex.shape[1]!;
  const numSrc = lhs.shape[0]!;
  const numDst = rhs.shape[0]!;
  if (numEdges === 0 || numSrc === 0 || numDst === 0) return [zeros(lhs.shape), zeros(rhs.shape), zeros(att.shape)];
  const edges = inRangeEdges(edgeIndex, numSrc, numDst);
  // Edges out of range get no gradient: their `dy` is dropped before it reaches any sum.
  const dy = expandDims(where(reshape(edges.inRange, [numEdges, 1]), inputs['dy']!, 0), -1);
  const z = sddmm(edges.edgeIndex, lhs, rhs, 'add');
  const slope = where(greater(z, 0), scalar(1), scalar(negativeSlope));
  const dz = mul(mul(dy, att), slope);
  return [segmentSum(dz, edges.src, numSrc), segmentSum(dz, edges.dst, numDst), sum(mul(dy, leakyRelu(z, negativeSlope)), 0)];
}
