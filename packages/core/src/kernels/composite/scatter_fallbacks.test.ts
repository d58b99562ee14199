import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { SegmentMax, SegmentMean, SegmentSum, SpMM } from '@gnnjs/core';
import { conformanceCases } from '@gnnjs/core/testing';

// Backends differ in which scatter they offer (tfjs-wasm has no
// UnsortedSegmentSum): hide tfjs-cpu's kernels to run each fallback.
const kernels = [SegmentSum, SegmentMean, SegmentMax, SpMM] as const;

describe.each([
  ['UnsortedSegmentSum', ['ScatterNd']],
  ['a one-hot matMul', ['ScatterNd', 'UnsortedSegmentSum']],
])('composites that scatter with %s', (_, hidden) => {
  const saved: tf.KernelConfig[] = [];
  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (const name of hidden) {
      saved.push(tf.getKernel(name, 'cpu')!);
      tf.unregisterKernel(name, 'cpu');
    }
  });
  afterAll(() => {
    for (const config of saved.splice(0)) tf.registerKernel(config);
  });
  for (const c of conformanceCases({ kernels })) it(c.name, () => c.run());
});
