import type { NamedAttrMap, NamedTensorMap, Tensor } from '@tensorflow/tfjs-core';
import { scatterAddRows } from './scatter_add_rows.js';

/** `out[s] = Σ data[e]` over the rows with `segmentIds[e] = s`; empty segments give 0. */
export function segmentSumComposite(inputs: NamedTensorMap, attrs: NamedAttrMap): Tensor {
  return scatterAddRows(inputs['data']!, inputs['segmentIds']!, attrs['numSegments'] as number);
}
