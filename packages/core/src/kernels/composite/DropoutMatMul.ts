import { matMul, transpose, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import { seededDropout } from '../../ops/dropout.js';

/**
 * `GnnDropoutMatMul` as the two ops it fuses: dropout, then `x · weightᵀ`
 * (with the transpose made first, as layers' `Linear` does, so the numbers
 * are the unfused ones on every backend).
 */
export function dropoutMatMulComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const dropped = seededDropout(inputs['x']!, attrs['rate'] as number, attrs['seed'] as number);
  return matMul(dropped, transpose(inputs['weight']!));
}

/** `GnnDropoutMatMulGrad` as `dyᵀ · dropout(x)`, the unfused weight gradient. */
export function dropoutMatMulGradComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const dropped = seededDropout(inputs['x']!, attrs['rate'] as number, attrs['seed'] as number);
  return matMul(transpose(inputs['dy']!), dropped);
}
