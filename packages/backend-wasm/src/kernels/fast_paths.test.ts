import '../index.js';
import { stockCases } from '@gnnjs/backend-cpu/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockKernels } from '../register_all_kernels.js';

describe("wasm replacements of tfjs kernels agree with tfjs's own", () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('replaces exactly the kernels it captured', () => {
    expect([...stockKernels.keys()].sort()).toEqual(['BatchMatMul', 'Greater', 'Reverse']);
    for (const [name, stock] of stockKernels) expect(tf.getKernel(name, 'wasm')?.kernelFunc).not.toBe(stock.kernelFunc);
  });

  // tfjs-wasm's own Reverse reads and writes bool tensors as 4-byte values
  // (garbage, and writes past the output), so that case cannot be compared.
  for (const c of stockCases([...stockKernels.keys()], ['Reverse: bool'])) {
    it(c.name, () => {
      const before = tf.memory().numTensors;
      c.run(stockKernels.get(c.kernelName)!);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('Reverse flips a bool tensor along its first axis', () => {
    const x = tf.tensor([true, false, false, false], [2, 2], 'bool');
    const y = tf.reverse(x, 0);
    expect(Array.from(y.dataSync())).toEqual([0, 0, 1, 0]);
    tf.dispose([x, y]);
  });

  it('Identity shares the input buffer, and a clone outlives its source', () => {
    const x = tf.tensor([1, 2, 3]);
    const y = tf.clone(x);
    expect(y.dataId).toBe(x.dataId);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
  });
});
