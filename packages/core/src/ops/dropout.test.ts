import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectShapeError } from '../test_support/expect_shape_error.js';
import { dropoutMask, hash32, seededDropout } from '@gnnjs/core';

describe('seededDropout and its counter-based mask', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('hash32 is lowbias32 (reference values of the published function)', () => {
    // lowbias32(1) and lowbias32(0xdeadbeef), computed by hand from its three rounds.
    const lowbias32 = (x: number): number => {
      let h = BigInt(x);
      const m = (a: bigint, b: bigint) => (a * b) & 0xffffffffn;
      h ^= h >> 16n; h = m(h, 0x7feb352dn); h ^= h >> 15n; h = m(h, 0x846ca68bn); h ^= h >> 16n;
      return Number(h);
    };
    for (const x of [0, 1, 2, 12345, 0xdeadbeef, 0xffffffff]) expect(hash32(x)).toBe(lowbias32(x));
  });

  it('keeps 1 − rate of the entries, scaled by 1 / (1 − rate)', () => {
    for (const rate of [0.1, 0.5, 0.6, 0.9]) {
      const mask = dropoutMask(200_000, rate, 7);
      const kept = mask.filter((v) => v !== 0);
      expect(Math.abs(kept.length / mask.length - (1 - rate))).toBeLessThan(0.005);
      expect(new Set(kept)).toEqual(new Set([Math.fround(1 / (1 - rate))]));
    }
  });

  it('gives the same mask for the same seed and unrelated masks for neighbouring seeds', () => {
    expect(dropoutMask(1000, 0.5, 3)).toEqual(dropoutMask(1000, 0.5, 3));
    const [a, b] = [dropoutMask(100_000, 0.5, 3), dropoutMask(100_000, 0.5, 4)];
    let agree = 0;
    for (let i = 0; i < a.length; i++) if ((a[i] === 0) === (b[i] === 0)) agree++;
    expect(Math.abs(agree / a.length - 0.5)).toBeLessThan(0.01);
    // Not a shifted copy either (a sequential stream seeded nearby could be).
    const shifted = (s: number) => a.slice(0, 5000).every((v, i) => (v === 0) === (b[i + s] === 0));
    expect([1, 2, 3, 4].some(shifted)).toBe(false);
  });

  it('multiplies x by the mask, NaN and signed zeros included, and its gradient is dy · mask', () => {
    const values = [1.5, -2, 0, -0, NaN, 3, 4, -5, 6, 7, 8, 9, 10];
    const x = tf.tensor1d(values);
    const mask = dropoutMask(values.length, 0.5, 11);
    const y = seededDropout(x, 0.5, 11);
    const expected = values.map((v, i) => Math.fround(v * mask[i]!));
    expect(Array.from(y.dataSync())).toEqual(expected);
    const dy = tf.tensor1d(values.map((_, i) => i + 1));
    const dx = tf.grad((t: tf.Tensor) => seededDropout(t, 0.5, 11))(x, dy);
    expect(Array.from(dx.dataSync())).toEqual(values.map((_, i) => Math.fround((i + 1) * mask[i]!)));
    tf.dispose([x, y, dy, dx]);
  });

  it('is the identity at rate 0 and keeps no tensor alive between forward and backward', () => {
    const x = tf.ones([4, 3]);
    expect(seededDropout(x, 0, 1)).toBe(x);
    const v = tf.variable(x);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(seededDropout(tf.mul(v, 2), 0.5, 1)), [v]);
    expect(Array.from(grads[v.name]!.dataSync())).toEqual(Array.from(dropoutMask(12, 0.5, 1), (m) => 2 * m));
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, v]);
  });

  it('rejects a rate outside [0, 1), a non-integer or negative seed, and int input', () => {
    const x = tf.ones([2]);
    expectShapeError(() => seededDropout(x, 1, 0), 'rate');
    expectShapeError(() => seededDropout(x, -0.1, 0), 'rate');
    expectShapeError(() => seededDropout(x, Number.NaN, 0), 'rate');
    expectShapeError(() => seededDropout(x, 0.5, 1.5), 'seed');
    expectShapeError(() => seededDropout(x, 0.5, -1), 'seed');
    expectShapeError(() => seededDropout(tf.tensor1d([1], 'int32'), 0.5, 1), 'x');
    tf.dispose(x);
  });
});
