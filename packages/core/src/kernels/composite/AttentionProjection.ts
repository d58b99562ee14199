import { mul, ones, reshape, sum, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';

/** `Σ_c x · att` over the last axis: the `[N, H, C]` product, then its sum. */
export function attentionProjectionComposite(inputs: NamedTensorMap, _attrs: NamedAttrMap): Tensor {
  return sum(mul(inputs['x']!, inputs['att']!), -1);
}

/**
 * `[dx, dAtt]` as tfjs's own gradients of `sum(mul(x, att), -1)` compute them
 * (the same operations in the same order, so a model built on this op trains
 * to the same numbers as one written with `mul` and `sum`).
 */
export function attentionProjectionGradComposite(inputs: NamedTensorMap, _attrs: NamedAttrMap): Tensor[] {
  const x = inputs['x']!;
  const att = inputs['att']!;
  const dy = inputs['dy']!;
  const [n, h] = x.shape as [number, number, number];
  const broadcastDy = mul(reshape(dy, [n, h, 1]), ones(x.shape, 'float32'));
  return [mul(broadcastDy, att), reshape(sum(mul(broadcastDy, x), [0]), att.shape)];
}
