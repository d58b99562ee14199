/** Row bookkeeping shared by the heterogeneous graph builders. */
import * as tf from '@tensorflow/tfjs-core';

/** `sizes.length + 1` offsets: part `i` spans `out[i] .. out[i+1]-1`. */
export function cumulative(sizes: readonly number[]): Int32Array {
  const out = new Int32Array(sizes.length + 1);
  sizes.forEach((s, i) => (out[i + 1] = out[i]! + s));
  return out;
}

/** Rows `start .. end-1` of `t` (a new tensor). */
export function sliceRows<T extends tf.Tensor>(t: T, start: number, end: number): T {
  return tf.slice(t, t.shape.map((_, k) => (k === 0 ? start : 0)), t.shape.map((d, k) => (k === 0 ? end - start : d)));
}

/** Rows `ids` of `t` (a new tensor): a slice when they are consecutive, else a gather. */
export function rowsOf<T extends tf.Tensor>(t: T, ids: Int32Array): T {
  const first = ids[0] ?? 0;
  let consecutive = true;
  for (let k = 1; k < ids.length && consecutive; k++) consecutive = ids[k] === first + k;
  if (consecutive) return sliceRows(t, first, first + ids.length);
  return tf.tidy(() => tf.gather(t, tf.tensor1d(ids, 'int32')));
}
