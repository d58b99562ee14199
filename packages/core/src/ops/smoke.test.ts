import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { segmentSum } from '@gnnjs/core';

it('imports @gnnjs/core from source', async () => {
  await tf.ready();
  expect(typeof segmentSum).toBe('function');
  expect(tf.getBackend()).toBe('cpu');
});
