import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { wrapBackendFactory } from './wrap_backend_factory.js';

describe('wrapBackendFactory', () => {
  it('wraps the factory of a registered backend and keeps its priority', async () => {
    const cpu = tf.findBackendFactory('cpu')!;
    tf.registerBackend('wrapped-test', () => cpu(), 7);
    const seen: tf.KernelBackend[] = [];
    expect(
      wrapBackendFactory('wrapped-test', (create) => async () => {
        const backend = await create();
        seen.push(backend);
        return backend;
      }),
    ).toBe(true);
    expect(tf.engine().registryFactory['wrapped-test']?.priority).toBe(7);
    await tf.setBackend('wrapped-test');
    expect(seen).toEqual([tf.backend()]);
    await tf.setBackend('cpu');
    tf.removeBackend('wrapped-test');
  });

  it('says false for a backend that is not registered', () => {
    expect(wrapBackendFactory('no-such-backend', (create) => create)).toBe(false);
  });
});
