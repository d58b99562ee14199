import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dropout, Linear, ReLU, Sequential, glorot, kaimingUniform } from '@gnnjs/layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('building blocks', () => {
  it('Linear computes x Wᵀ + b with PyTorch\'s weight layout', () => {
    const lin = new Linear(2, 3);
    lin.loadStateDict({ weight: tf.tensor2d([[1, 0], [0, 1], [1, 1]]), bias: tf.tensor1d([0, 0, 10]) });
    expect(Array.from(lin.forward(tf.tensor2d([[1, 2]])).dataSync())).toEqual([1, 2, 13]);
    expect(lin.forward(tf.ones([4, 5, 2])).shape).toEqual([4, 5, 3]);
    expect(new Linear(2, 3, { bias: false }).namedParameters().map(([k]) => k)).toEqual(['weight']);
  });

  it('Linear\'s gradients w.r.t. x and the weight equal tfjs\'s matmul gradients', () => {
    const lin = new Linear(3, 2);
    const x = tf.randomUniform([4, 3], -1, 1, 'float32', 5);
    const r = tf.randomUniform([4, 2], -1, 1, 'float32', 6);
    const w = lin.weight;
    const ours = tf.grads((a: tf.Tensor, _b: tf.Tensor) => tf.sum(tf.mul(lin.forward(a), r)))([x, w]);
    const ref = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(a, b, false, true), lin.bias!), r)))([x, w]);
    for (const k of [0, 1]) {
      const diff = tf.max(tf.abs(tf.sub(ours[k]!, ref[k]!))).dataSync()[0]!;
      expect(diff).toBeLessThan(1e-6);
    }
  });

  it('initialisers stay within PyG\'s bounds', () => {
    const g = glorot([40, 60]).dataSync();
    const bound = Math.sqrt(6 / 100);
    expect(Math.max(...g.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(bound * 0.9);
    const k = kaimingUniform([30, 25], 25).dataSync();
    expect(Math.max(...k.map(Math.abs))).toBeLessThanOrEqual(1 / 5 + 1e-7);
  });

  it('Dropout is active in training only and keeps the expectation', () => {
    const d = new Dropout(0.5);
    const x = tf.ones([1000]);
    const kept = d.forward(x).dataSync();
    expect(kept.filter((v) => v === 0).length).toBeGreaterThan(350);
    expect(new Set(kept)).toEqual(new Set([0, 2]));
    d.eval();
    expect(d.forward(x)).toBe(x);
  });

  it('Sequential chains modules and names their parameters 0.weight, 2.bias', () => {
    const mlp = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
    expect(mlp.namedParameters().map(([k]) => k)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(mlp.forward(tf.ones([5, 3])).shape).toEqual([5, 2]);
    mlp.eval();
    expect(mlp.layers[0]!.training).toBe(false);
    expect(mlp.toString()).toBe('Sequential(\n  (0): Linear(3, 4, bias=True)\n  (1): ReLU()\n  (2): Linear(4, 2, bias=True)\n)');
  });
});
