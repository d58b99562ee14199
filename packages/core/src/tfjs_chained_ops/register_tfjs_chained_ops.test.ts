import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

/** A method looked up by name, as the user's `x.mul(...)` does at run time. */
const method = (t: tf.Tensor, name: string): unknown => (t as unknown as Record<string, unknown>)[name];

describe("tfjs-core's chained tensor methods", () => {
  it('are missing from the tfjs-core that Node loads until @gnnjs/core is imported; one defined before is kept', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    expect(method(x, 'mul')).toBeUndefined();
    const prototype = tf.Tensor.prototype as unknown as Record<string, unknown>;
    const own = function (this: tf.Tensor): string {
      return 'own';
    };
    prototype['atan2'] = own;
    await import('@gnnjs/core');
    expect(typeof method(x, 'mul')).toBe('function');
    expect(prototype['atan2']).toBe(own);
    x.dispose();
  });

  it('compute what the functional ops compute, on the one engine', async () => {
    await import('@gnnjs/core');
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => {
      const x = tf.tensor2d([[1, 2], [3, 4]]);
      const w = tf.tensor1d([10, 100]);
      return x.mul(w).add(1).slice([1, 0], [1, 2]).reshape([2]).sum();
    });
    expect(await out.data()).toEqual(new Float32Array([30 + 400 + 2]));
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const v = tf.variable(tf.ones([2]));
    expect(Array.from(await v.mul(2).data())).toEqual([2, 2]);
    v.dispose();
  });
});
