import * as tf from '@tensorflow/tfjs-core';
import { dropoutMask, seededDropout } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../index.js';

/** A `rows × cols` matrix about 1 % non-zero, with a NaN and negative values. */
function sparseFeatures(rows: number, cols: number): Float32Array {
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < values.length; i += 97) values[i] = ((i % 13) - 6) / 4 || 0.5;
  values[97 * 5] = NaN;
  return values;
}

describe("dropout on 'cpu'", () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('works from the non-zeros of sparse features and gives x · mask exactly', () => {
    const [rows, cols] = [120, 151];
    const x = sparseFeatures(rows, cols);
    const features = tf.tensor2d(x, [rows, cols]);
    for (const seed of [1, 2]) {
      const mask = dropoutMask(rows * cols, 0.6, seed);
      const out = seededDropout(features, 0.6, seed);
      expect(Array.from(out.dataSync())).toEqual(Array.from(x, (v, i) => Math.fround(v * mask[i]!)));
      out.dispose();
    }
    features.dispose();
  });

  it('hands the structure of its output to the product that consumes it', () => {
    const [rows, cols, n] = [120, 151, 9];
    const x = sparseFeatures(rows, cols);
    const w = Float32Array.from({ length: cols * n }, (_, i) => Math.sin(i));
    const mask = dropoutMask(rows * cols, 0.5, 3);
    const dropped = Array.from(x, (v, i) => Math.fround(v * mask[i]!));
    // The reference product, in float64 from the dropped values.
    const expected = new Float64Array(rows * n);
    for (let r = 0; r < rows; r++) {
      for (let p = 0; p < cols; p++) for (let j = 0; j < n; j++) expected[r * n + j]! += dropped[r * cols + p]! * w[p * n + j]!;
    }
    const product = tf.tidy(() => tf.matMul(seededDropout(tf.tensor2d(x, [rows, cols]), 0.5, 3), tf.tensor2d(w, [cols, n])));
    const got = product.dataSync();
    expected.forEach((v, i) => {
      if (Number.isNaN(v)) expect(got[i]).toBeNaN();
      else expect(Math.abs(got[i]! - v)).toBeLessThan(1e-5 * (1 + Math.abs(v)));
    });
    expect(Array.from(got).some(Number.isNaN)).toBe(true);
    product.dispose();
  });
});
