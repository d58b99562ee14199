import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { segmentAggregate, type SegmentReduction } from '../ops/segment_reduce.js';
import { hostIndexValues } from '../utils/edge_index_arrays.js';

/**
 * Reduces node features `[N, F]` to one row per graph with `reduction`,
 * grouping nodes by `batch` (PyG's `global_*_pool`). Without `batch`, all
 * nodes form one graph: `[1, F]`. `size` (the number of graphs) defaults to
 * `max(batch) + 1`, which reads `batch` back synchronously; pass
 * `batch.numGraphs` to avoid that.
 */
function globalPool(
  reduction: SegmentReduction,
  x: tf.Tensor2D,
  batch: tf.Tensor1D | null | undefined,
  size: number | undefined,
): tf.Tensor2D {
  const op = `global${reduction === 'sum' ? 'Add' : reduction[0]!.toUpperCase() + reduction.slice(1)}Pool`;
  if (!(x instanceof tf.Tensor) || x.rank !== 2) {
    throw new ShapeError('x', `${op} expects node features [N, F], got ${x instanceof tf.Tensor ? `[${x.shape.join(', ')}]` : typeof x}`);
  }
  if (batch === undefined || batch === null) {
    return tf.tidy(() => {
      switch (reduction) {
        case 'sum':
          return tf.sum(x, 0, true);
        case 'mean':
          return tf.mean(x, 0, true);
        case 'max':
          return tf.max(x, 0, true);
        case 'min':
          return tf.min(x, 0, true);
      }
    }) as tf.Tensor2D;
  }
  const numGraphs = size ?? inferSize(batch);
  return segmentAggregate(reduction, x, batch, numGraphs);
}

function inferSize(batch: tf.Tensor1D): number {
  const ids = batch.dtype === 'int32' ? hostIndexValues(batch) : batch.dataSync();
  let max = -1;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  return max + 1;
}

/**
 * Sum of the node features of each graph: `out[g] = Σ_{i: batch[i]=g} x[i]`.
 *
 * @example
 * ```ts
 * const pooled = globalAddPool(h, batch.batch, batch.numGraphs); // [numGraphs, F]
 * ```
 */
export function globalAddPool(x: tf.Tensor2D, batch?: tf.Tensor1D | null, size?: number): tf.Tensor2D {
  return globalPool('sum', x, batch, size);
}

/**
 * Mean of the node features of each graph (0 for a graph without nodes).
 *
 * @example
 * ```ts
 * const pooled = globalMeanPool(h, batch.batch, batch.numGraphs); // [numGraphs, F]
 * ```
 */
export function globalMeanPool(x: tf.Tensor2D, batch?: tf.Tensor1D | null, size?: number): tf.Tensor2D {
  return globalPool('mean', x, batch, size);
}

/**
 * Feature-wise maximum over the nodes of each graph (0 for a graph without nodes).
 *
 * @example
 * ```ts
 * const pooled = globalMaxPool(h, batch.batch, batch.numGraphs); // [numGraphs, F]
 * ```
 */
export function globalMaxPool(x: tf.Tensor2D, batch?: tf.Tensor1D | null, size?: number): tf.Tensor2D {
  return globalPool('max', x, batch, size);
}
