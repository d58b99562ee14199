import { zeros, type Tensor } from '@tensorflow/tfjs-core';

/**
 * Gradient of an integer index input. Indices are not differentiable; tfjs only
 * asks for this when a caller lists an index tensor among `xs`, and it
 * requires a float32 answer of the input's shape, so the answer is zeros.
 */
export function indexGrad(indices: Tensor): () => Tensor {
  return () => zeros(indices.shape, 'float32');
}
