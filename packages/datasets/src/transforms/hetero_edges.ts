/** Edge-index bookkeeping of the heterogeneous transforms, on host arrays (O(E), not differentiable). */
import * as tf from '@tensorflow/tfjs-core';
import type { EdgeStoreChanges } from '@gnnjs/core';

/** The change of one edge type that a transform hands to `HeteroGraph.with`. */
export type EdgeChange<N extends string> = EdgeStoreChanges<N>;

/** Row 0 and row 1 swapped: the reverse of every edge, in the same order. */
export function flipEdgeIndex(edgeIndex: tf.Tensor2D): tf.Tensor2D {
  const [row, col] = rows(edgeIndex);
  return makeIndex(col, row);
}

/**
 * The timestamps of `toUndirected(edgeIndex)`'s edges (`merged`): each is the
 * earliest time of the input edges and reverses it stands for.
 */
export function mergeTimesUndirected(edgeIndex: tf.Tensor2D, time: tf.Tensor1D, merged: tf.Tensor2D, numNodes: number): tf.Tensor1D {
  const [row, col] = rows(edgeIndex);
  const times = time.dataSync();
  // Keys a·N + b are exact doubles for N up to 9·10^7 nodes.
  const earliest = new Map<number, number>();
  const note = (a: number, b: number, t: number): void => {
    const key = a * numNodes + b;
    const seen = earliest.get(key);
    if (seen === undefined || t < seen) earliest.set(key, t);
  };
  for (let e = 0; e < row.length; e++) {
    note(row[e]!, col[e]!, times[e]!);
    note(col[e]!, row[e]!, times[e]!);
  }
  const [mRow, mCol] = rows(merged);
  const out = time.dtype === 'int32' ? new Int32Array(mRow.length) : new Float32Array(mRow.length);
  for (let e = 0; e < mRow.length; e++) out[e] = earliest.get(mRow[e]! * numNodes + mCol[e]!)!;
  return tf.tensor1d(out, time.dtype as 'int32' | 'float32');
}

/** `time` followed by one timestamp per appended self-loop. */
export function appendLoopTimes(time: tf.Tensor1D, loopTimes: ArrayLike<number>): tf.Tensor1D {
  const values = time.dataSync();
  const out = time.dtype === 'int32' ? new Int32Array(values.length + loopTimes.length) : new Float32Array(values.length + loopTimes.length);
  out.set(values);
  out.set(loopTimes, values.length);
  return tf.tensor1d(out, time.dtype as 'int32' | 'float32');
}

function rows(edgeIndex: tf.Tensor2D): [Int32Array, Int32Array] {
  const data = edgeIndex.dataSync() as Int32Array;
  const e = edgeIndex.shape[1]!;
  return [data.subarray(0, e), data.subarray(e, 2 * e)];
}

function makeIndex(row: Int32Array, col: Int32Array): tf.Tensor2D {
  const data = new Int32Array(2 * row.length);
  data.set(row);
  data.set(col, row.length);
  return tf.tensor2d(data, [2, row.length], 'int32');
}
