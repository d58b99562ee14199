import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';

it('keeps a gradient that was registered before @gnnjs/core loaded', async () => {
  const own: tf.GradConfig = { kernelName: 'Softplus', gradFunc: (dy) => ({ x: () => dy as tf.Tensor }) };
  tf.registerGradient(own);
  await import('@gnnjs/core');
  expect(tf.getGradient('Softplus')).toBe(own);
  expect(tf.getGradient('Relu')).toBeDefined();
});
