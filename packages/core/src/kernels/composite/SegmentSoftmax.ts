import { div, exp, sub, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import { gatherRows } from '../../ops/gather_rows.js';
import { segmentMax, segmentSum } from '../../ops/segment_reduce.js';

/**
 * `exp(l - max_s) / Σ_s exp(l - max_s)`. Subtracting the segment maximum keeps
 * every exponent ≤ 0, so nothing overflows and each denominator is ≥ 1.
 * Built on the GNN ops, so a backend's fast segment kernels serve it too.
 */
export function segmentSoftmaxComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const logits = inputs['logits']!;
  const ids = inputs['segmentIds']!;
  const numSegments = attrs['numSegments'] as number;
  const shifted = sub(logits, gatherRows(segmentMax(logits, ids, numSegments), ids));
  const e = exp(shifted);
  return div(e, gatherRows(segmentSum(e, ids, numSegments), ids));
}
