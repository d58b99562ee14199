import { matMul, mul, zeros, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import type { SegmentAttentionAttrs } from '../kernel_names.js';
import { denseAttention, headsFirst, nodesFirst } from './segment_attention_dense.js';

/** `A · V` per head from the dense `[H, N, N]` masked attention. */
export function segmentAttentionComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const query = inputs['query']!;
  const value = inputs['value']!;
  const [numNodes, heads] = query.shape as [number, number, number];
  if (numNodes === 0 || heads === 0) return zeros(value.shape);
  const dense = denseAttention(query, inputs['key']!, inputs['segmentIds']!, attrs as unknown as SegmentAttentionAttrs);
  const weights = dense.dropout === undefined ? dense.probabilities : mul(dense.probabilities, dense.dropout);
  return nodesFirst(matMul(weights, headsFirst(value)));
}
