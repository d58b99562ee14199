import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GNN_KERNEL_NAMES, isCompositeKernel } from '@gnnjs/core';
import { conformanceCases } from '@gnnjs/core/testing';

// tfjs-cpu has no GNN kernels, so every case here runs the composite defaults.
// (Checked by hand on raw tfjs-wasm and, in Chromium, tfjs-webgl: all pass.)
describe('composite kernels on tfjs-cpu', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases = conformanceCases();

  it('covers every kernel', () => {
    expect(new Set(cases.map((c) => c.kernel))).toEqual(new Set(GNN_KERNEL_NAMES));
    expect(cases.length).toBeGreaterThan(80);
  });

  for (const c of cases) it(c.name, () => c.run());

  it('ran the composites, not some other kernel', () => {
    for (const name of GNN_KERNEL_NAMES) expect(isCompositeKernel(name, 'cpu')).toBe(true);
  });
});
