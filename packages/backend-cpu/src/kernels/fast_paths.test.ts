import '../index.js';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockKernels } from '../register_all_kernels.js';
import { stockCases } from '../testing/index.js';

describe("cpu replacements of tfjs kernels agree with tfjs's own", () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('replaces exactly the kernels it captured', () => {
    expect([...stockKernels.keys()].sort()).toEqual(['Add', 'BatchMatMul', 'Elu', 'Multiply', 'RealDiv', 'Reverse', 'Sub', 'Sum', 'Transpose']);
    for (const [name, stock] of stockKernels) expect(tf.getKernel(name, 'cpu')?.kernelFunc).not.toBe(stock.kernelFunc);
  });

  for (const c of stockCases([...stockKernels.keys()])) {
    it(c.name, () => {
      const before = tf.memory().numTensors;
      c.run(stockKernels.get(c.kernelName)!);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
