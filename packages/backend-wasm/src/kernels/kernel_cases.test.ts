import * as tf from '@tensorflow/tfjs-core';
import { kernelCases } from '@gnnjs/backend-cpu/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import '../index.js';

describe('wasm kernels (hand-computed cases)', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  it('runs on the wasm backend in Node with no setup', () => {
    expect(tf.getBackend()).toBe('wasm');
  });
  for (const c of kernelCases()) it(c.name, () => c.run());
});
