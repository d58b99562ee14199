import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, ShapeError } from '../errors.js';
import { hostIndexValues } from './edge_index_arrays.js';

/**
 * How often each node appears in `index`, as PyG's `degree`: in-degrees from
 * `edgeIndex[1]`, out-degrees from `edgeIndex[0]`. `numNodes` defaults to the
 * largest index + 1.
 *
 * @example
 * ```ts
 * const inDeg = degree(graph.edgeIndex.slice([1, 0], [1, -1]).reshape([-1]), graph.numNodes);
 * ```
 */
export function degree(
  index: tf.Tensor1D | Int32Array | ArrayLike<number>,
  numNodes?: number,
  dtype: 'float32' | 'int32' = 'float32',
): tf.Tensor1D {
  let values: ArrayLike<number>;
  if (index instanceof tf.Tensor) {
    if (index.rank !== 1) throw new ShapeError('index', `degree expects a 1-D index, got [${index.shape.join(', ')}]`);
    values = index.dtype === 'int32' ? hostIndexValues(index) : (index.dataSync() as ArrayLike<number>);
  } else values = index;
  let max = -1;
  for (let e = 0; e < values.length; e++) {
    const v = values[e]!;
    if (!Number.isInteger(v) || v < 0) {
      throw new GraphValidationError('index', `degree expects non-negative integer node indices, got ${v}`);
    }
    if (v > max) max = v;
  }
  const n = numNodes ?? max + 1;
  if (!Number.isInteger(n) || n < 0) throw new GraphValidationError('numNodes', `degree expects a non-negative integer, got ${n}`);
  if (max >= n) throw new GraphValidationError('index', `degree got node index ${max}, but numNodes is ${n}`);
  const counts = dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
  for (let e = 0; e < values.length; e++) counts[values[e]!]++;
  return tf.tensor1d(counts, dtype);
}
