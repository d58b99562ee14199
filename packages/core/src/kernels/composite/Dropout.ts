import { mul, tensor, type NamedAttrMap, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import { dropoutMask } from '../dropout_mask.js';

/**
 * `x · mask`, with the mask drawn on the host and uploaded: the default for
 * backends without a kernel of their own (it needs no read-back of `x`).
 */
export function dropoutComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  const x = inputs['x']!;
  const mask = tensor(dropoutMask(x.size, attrs['rate'] as number, attrs['seed'] as number), x.shape, 'float32');
  return mul(x, mask);
}
