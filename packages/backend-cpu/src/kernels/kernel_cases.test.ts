import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import '../index.js';
import { kernelCases } from '../testing/index.js';

describe('cpu kernels (hand-computed cases)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  for (const c of kernelCases()) it(c.name, () => c.run());
});
