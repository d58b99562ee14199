import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, type Graph } from '@gnnjs/core';
import { withFields } from '../graph/with_fields.js';
import type { Transform } from './transform.js';

/**
 * Row-normalises node features to sum to one, as PyG 2.6's
 * `NormalizeFeatures`: `x ← x − min(x)`, then each row is divided by
 * `max(rowSum, 1)`, so rows summing to 0 stay 0.
 *
 * @example
 * ```ts
 * const normalised = new NormalizeFeatures().apply(cora); // rows of x sum to 1
 * ```
 */
export class NormalizeFeatures implements Transform {
  apply(graph: Graph): Graph {
    const { x } = graph;
    if (x === undefined) throw new GraphValidationError('x', 'NormalizeFeatures needs node features');
    if (x.size === 0) return withFields(graph, {});
    return withFields(graph, { x: normalizedFeatures(x) });
  }
  toString(): string {
    return 'NormalizeFeatures()';
  }
}

/** PyG 2.6's row normalisation of `x` as a new tensor (`HeteroNormalizeFeatures` applies it per node type). */
export function normalizedFeatures(x: tf.Tensor2D): tf.Tensor2D {
  // On typed arrays: a one-off preprocessing step, and tfjs-cpu's broadcast
  // division is ~100× slower than this loop on Planetoid-sized features.
  const [rows, cols] = x.shape;
  const values = Float32Array.from(x.dataSync());
  const min = values.reduce((a, b) => Math.min(a, b), Infinity);
  for (let r = 0; r < rows; r++) {
    const row = values.subarray(r * cols, (r + 1) * cols);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += row[c]! - min;
    const scale = Math.max(sum, 1);
    for (let c = 0; c < cols; c++) row[c] = (row[c]! - min) / scale;
  }
  return tf.tensor2d(values, [rows, cols], 'float32');
}
