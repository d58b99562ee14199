import { leakyRelu, mul, reshape, sum, where, zeros, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import type { AdditiveAttentionAttrs } from '../kernel_names.js';
import { sddmm } from '../../ops/sddmm.js';
import { inRangeEdges } from './in_range_edges.js';

/** `Σ_c att · LeakyReLU(lhs[src] + rhs[dst])` through the `[E, H, C]` SDDMM sum. */
export function additiveAttentionComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const edgeIndex = inputs['edgeIndex']!;
  const lhs = inputs['lhs']!;
  const rhs = inputs['rhs']!;
  const att = inputs['att']!;
  const { negativeSlope } = attrs as unknown as AdditiveAttentionAttrs;
  const numEdges = edgeIndex.shape[1]!;
  // No edge can be in range without a node on each side.
  if (numEdges === 0 || lhs.shape[0] === 0 || rhs.shape[0] === 0) return zeros([numEdges, att.shape[0]!]);
  const edges = inRangeEdges(edgeIndex, lhs.shape[0]!, rhs.shape[0]!);
  const z = sddmm(edges.edgeIndex, lhs, rhs, 'add');
  const logits = sum(mul(leakyRelu(z, negativeSlope), att), -1);
  return where(reshape(edges.inRange, [numEdges, 1]), logits, 0);
}
