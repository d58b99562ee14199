import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam.js';

// Reference values: torch.optim.Adam's single-tensor update (lr=0.1, betas
// 0.9/0.999, eps 1e-8), computed in float64 from p=[1,-2,0.5] and these grads.
const GRADS = [
  [0.5, -0.1, 0.0],
  [0.2, 0.3, -1.0],
  [-0.4, 0.0, 2.0],
];
const TORCH_WD_0_1 = [
  [0.9000000016666666, -1.9000000033333333, 0.400000019999996],
  [0.8072814605072346, -1.8627221078108944, 0.47082965210994226],
  [0.7702771947721945, -1.8056383769404705, 0.43626445702180866],
];
const TORCH_WD_0 = [
  [0.900000002, -1.900000009999999, 0.5],
  [0.8101424839029282, -1.9494189911200654, 0.5744136813045929],
  [0.7925145982082051, -1.9876200063730913, 0.542985064598546],
];

function expectClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i] ?? NaN, 6);
}

function runSteps(weightDecay: number, viaGroups: boolean): Float32Array[] {
  const p = tf.variable(tf.tensor1d([1, -2, 0.5]), true);
  const adam = viaGroups
    ? new Adam([{ params: [p], weightDecay }], { lr: 0.1 })
    : new Adam([p], { lr: 0.1, weightDecay });
  const history: Float32Array[] = [];
  for (const g of GRADS) {
    const grad = tf.tensor1d(g);
    adam.step({ [p.name]: grad });
    grad.dispose();
    history.push(p.dataSync() as Float32Array);
  }
  adam.dispose();
  p.dispose();
  return history;
}

describe('Adam', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('matches torch.optim.Adam with L2 weight decay added to the gradient', () => {
    const history = runSteps(0.1, false);
    history.forEach((row, t) => expectClose(row, TORCH_WD_0_1[t] ?? []));
  });

  it('matches torch.optim.Adam without weight decay, through a param group', () => {
    const history = runSteps(0, true);
    history.forEach((row, t) => expectClose(row, TORCH_WD_0[t] ?? []));
  });

  it('applies weight decay per group only', () => {
    const decayed = tf.variable(tf.tensor1d([1]), true);
    const free = tf.variable(tf.tensor1d([1]), true);
    const adam = new Adam([{ params: [decayed], weightDecay: 0.1 }, { params: [free], weightDecay: 0 }], { lr: 0.1 });
    const zero = tf.zeros([1]);
    adam.step({ [decayed.name]: zero, [free.name]: zero });
    // Zero gradient: only the decayed parameter moves (by ~lr on step one).
    expect(decayed.dataSync()[0]).toBeCloseTo(0.9, 6);
    expect(free.dataSync()[0]).toBe(1);
    expect(adam.steps).toBe(1);
    zero.dispose();
    adam.dispose();
    decayed.dispose();
    free.dispose();
  });

  it('leaves no tensors behind after a step', () => {
    const p = tf.variable(tf.randomNormal([4, 3], 0, 1, 'float32', 1), true);
    const adam = new Adam([p], { lr: 0.01, weightDecay: 5e-4 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.tidy(() => adam.step({ [p.name]: tf.onesLike(p) }));
    }
    expect(tf.memory().numTensors).toBe(before);
    adam.dispose();
    p.dispose();
  });

  it('rejects bad hyper-parameters and a parameter in two groups', () => {
    const p = tf.variable(tf.zeros([1]), true);
    expect(() => new Adam([p], { lr: -1 })).toThrow(/lr/);
    expect(() => new Adam([p], { betas: [1, 0.999] })).toThrow(/betas/);
    expect(() => new Adam([{ params: [p] }, { params: [p] }])).toThrow(/two groups/);
    p.dispose();
  });
});
