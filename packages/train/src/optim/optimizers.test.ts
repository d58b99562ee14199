import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { OptimizerError } from '../errors.js';
import { Adam, AdamW, type AdamOptions } from './adam.js';
import type { Optimizer, ParamGroup } from './optimizer.js';
import { SGD, type SGDOptions } from './sgd.js';
import reference from './testdata/torch_optimizers.json' with { type: 'json' };

// Trajectories from torch.optim (testdata/torch_optimizers.py, torch 1.13,
// float32): both sides compute in float32, so they agree to a few ulps.
interface Case {
  optimizer: 'Adam' | 'AdamW' | 'SGD';
  options: Record<string, number | boolean | number[]>;
  groups: Array<Record<string, number>> | null;
  history: Array<{ a: number[][]; b: number[] }>;
}
const cases = reference.cases as Record<string, Case>;

function make(c: Case, a: tf.Variable, b: tf.Variable): Optimizer {
  const params: ParamGroup[] | tf.Variable[] = c.groups === null ? [a, b] : c.groups.map((g, i) => ({ params: [i === 0 ? a : b], ...g }));
  const options = { ...c.options, ...(Array.isArray(c.options['betas']) ? { betas: c.options['betas'] as [number, number] } : {}) };
  if (c.optimizer === 'SGD') return new SGD(params, options as unknown as SGDOptions);
  return c.optimizer === 'Adam' ? new Adam(params, options as AdamOptions) : new AdamW(params, options as AdamOptions);
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] ?? NaN;
    expect(Math.abs((actual[i] ?? NaN) - e), `${what}[${i}]: ${actual[i]} vs torch ${e}`).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(e)));
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(Object.entries(cases))('%s matches torch.optim', (name, c) => {
  it('step by step, including a step where one parameter has no gradient', () => {
    const a = tf.variable(tf.tensor2d(reference.a0), true);
    const b = tf.variable(tf.tensor1d(reference.b0), true);
    const optimizer = make(c, a, b);
    const before = tf.memory().numTensors;
    c.history.forEach((expected, t) => {
      const grads: tf.NamedTensorMap = { [a.name]: tf.tensor2d(reference.gradsA[t]!) };
      const gb = reference.gradsB[t];
      if (gb !== null && gb !== undefined) grads[b.name] = tf.tensor1d(gb);
      optimizer.step(grads);
      tf.dispose(Object.values(grads));
      expectClose(a.dataSync(), expected.a.flat(), `${name} step ${t + 1} a`);
      expectClose(b.dataSync(), expected.b, `${name} step ${t + 1} b`);
      // No tensor leaks: the state is made up front and updated in place.
      expect(tf.memory().numTensors).toBe(before);
    });
    expect(optimizer.steps).toBe(c.history.length);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before - stateTensors(c));
    tf.dispose([a, b]);
  });
});

/** Tensors of optimizer state for two parameters (freed by dispose). */
function stateTensors(c: Case): number {
  if (c.optimizer === 'SGD') return c.options['momentum'] ? 2 : 0;
  return 2 * (c.options['amsgrad'] ? 3 : 2);
}

describe('optimizer arguments', () => {
  it('rejects bad hyper-parameters and a parameter in two groups with an OptimizerError', () => {
    const p = tf.variable(tf.zeros([1]), true);
    expect(() => new Adam([p], { lr: -1 })).toThrow(OptimizerError);
    expect(() => new AdamW([p], { betas: [1, 0.999] })).toThrow(/AdamW: betas\[0\]/);
    expect(() => new Adam([{ params: [p] }, { params: [p] }])).toThrow(/two groups/);
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow(/Nesterov/);
    expect(() => new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow(/Nesterov/);
    expect(() => new SGD([p], {} as SGDOptions)).toThrow(/lr is required/);
    expect(() => new SGD([{ params: [p], weightDecay: Number.NaN }], { lr: 0.1 })).toThrow(/groups\[0\]\.weightDecay/);
    p.dispose();
  });

  it('defaults as torch: Adam lr 1e-3 without decay, AdamW weight decay 1e-2', () => {
    const p = tf.variable(tf.ones([1]), true);
    const adamw = new AdamW([p]);
    const zero = tf.zeros([1]);
    adamw.step({ [p.name]: zero });
    // Zero gradient: only the decoupled decay moves p, by lr·wd.
    expect(p.dataSync()[0]).toBeCloseTo(1 - 1e-3 * 1e-2, 7);
    const adam = new Adam([p]);
    expect(adam.lr).toBe(1e-3);
    adam.step({ [p.name]: zero });
    expect(p.dataSync()[0]).toBeCloseTo(1 - 1e-3 * 1e-2, 7);
    tf.dispose([zero, p]);
    adamw.dispose();
    adam.dispose();
  });
});
