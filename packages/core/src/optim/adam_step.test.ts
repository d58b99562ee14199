import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '../errors.js';
import { adamStep } from './adam_step.js';

const attrs = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false, step: 1 };

describe('adamStep', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('names the tensor whose shape or dtype differs from the parameter', () => {
    tf.tidy(() => {
      const p = tf.zeros([3]);
      expect(() => adamStep({ param: p, expAvg: p, expAvgSq: tf.zeros([4]) }, p, attrs)).toThrow(ShapeError);
      expect(() => adamStep({ param: p, expAvg: p, expAvgSq: p }, tf.zeros([3, 1]), attrs)).toThrow(/grad: adamStep expects the shape of param \[3\]/);
      expect(() => adamStep({ param: p, expAvg: tf.zeros([3], 'int32'), expAvgSq: p }, p, attrs)).toThrow(/expAvg: adamStep expects float32/);
      expect(() => adamStep({ param: p, expAvg: p, expAvgSq: p }, p, { ...attrs, step: 0 })).toThrow(/step/);
    });
  });

  it('takes one step of torch.optim.Adam from zero state (the update is lr · sign(g) on the first step)', () => {
    tf.tidy(() => {
      const p = tf.tensor1d([1, -2, 3]);
      const z = tf.zeros([3]);
      const next = adamStep({ param: p, expAvg: z, expAvgSq: z }, tf.tensor1d([0.5, -4, 0]), attrs);
      const values = next.param.dataSync();
      expect(values[0]).toBeCloseTo(1 - 0.01, 6);
      expect(values[1]).toBeCloseTo(-2 + 0.01, 6);
      expect(values[2]).toBe(3);
      expect(Array.from(next.expAvg.dataSync())).toEqual([Math.fround(0.05), Math.fround(-0.4), 0]);
      expect(next.maxExpAvgSq).toBeUndefined();
    });
  });
});
