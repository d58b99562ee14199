import { GNN_KERNEL_NAMES, isCompositeKernel } from '@gnnjs/core';
import { conformanceCases } from '@gnnjs/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelConfigs } from './index.js';

describe("GNN kernel conformance on 'cpu'", () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  for (const c of conformanceCases()) it(c.name, () => c.run());

  it('ran this package’s kernels, not the composite defaults', () => {
    for (const name of GNN_KERNEL_NAMES) {
      expect(isCompositeKernel(name, 'cpu')).toBe(false);
      expect(tf.getKernel(name, 'cpu')?.kernelFunc).toBe(kernelConfigs.find((k) => k.kernelName === name)?.kernelFunc);
    }
  });
});
