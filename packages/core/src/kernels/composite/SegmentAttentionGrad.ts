import { matMul, mul, sub, sum, zeros, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import type { SegmentAttentionAttrs } from '../kernel_names.js';
import { denseAttention, headsFirst, nodesFirst } from './segment_attention_dense.js';

/**
 * The softmax-attention backward on the dense `[H, N, N]` attention:
 * `dV = Aᵀ·dy`, `dS = P·(m·(dy·Vᵀ) − D)` with `D = Σ_c dy·output`,
 * `dQ = scale·dS·K`, `dK = scale·dSᵀ·Q`.
 */
export function segmentAttentionGradComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor[] {
  const query = inputs['query']!;
  const key = inputs['key']!;
  const value = inputs['value']!;
  const [numNodes, heads] = query.shape as [number, number, number];
  if (numNodes === 0 || heads === 0) return [zeros(query.shape), zeros(key.shape), zeros(value.shape)];
  const typed = attrs as unknown as SegmentAttentionAttrs;
  const dense = denseAttention(query, key, inputs['segmentIds']!, typed);
  const dy = headsFirst(inputs['dy']!);
  const weights = dense.dropout === undefined ? dense.probabilities : mul(dense.probabilities, dense.dropout);
  const dValue = matMul(weights, dy, true, false);
  const dWeights = matMul(dy, headsFirst(value), false, true);
  const dProbabilities = dense.dropout === undefined ? dWeights : mul(dWeights, dense.dropout);
  const rowDots = sum(mul(dy, headsFirst(inputs['output']!)), -1, true);
  const dScores = mul(mul(dense.probabilities, sub(dProbabilities, rowDots)), typed.scale);
  const dQuery = matMul(dScores, dense.key);
  const dKey = matMul(dScores, dense.query, true, false);
  return [nodesFirst(dQuery), nodesFirst(dKey), nodesFirst(dValue)];
}
