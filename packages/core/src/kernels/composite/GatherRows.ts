import { gather, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';

/** `out[e] = x[indices[e]]`: tfjs's `gather` along axis 0. */
export function gatherRowsComposite(inputs: NamedTensorMap): Tensor {
  return gather(inputs['x']!, inputs['indices']!, 0);
}
