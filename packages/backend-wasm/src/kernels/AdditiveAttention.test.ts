import { AdditiveAttention, AdditiveAttentionGrad, additiveAttention, isCompositeKernel } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../index.js';
import { additiveAttentionConfig, additiveAttentionGradConfig } from './AdditiveAttention.js';

describe("fused additive attention on 'wasm'", () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('runs this package’s forward and backward kernels, on heap views', () => {
    const edgeIndex = tf.tensor2d([[0, 1, 1, 5], [1, 0, 1, 0]], [2, 4], 'int32');
    const lhs = tf.tensor3d([[[1, -2]], [[0.5, 0.5]]]);
    const rhs = tf.tensor3d([[[1, 1]], [[-1, 2]]]);
    const att = tf.tensor2d([[2, 3]]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.valueAndGrads((l: tf.Tensor, r: tf.Tensor, a: tf.Tensor) => tf.sum(additiveAttention(edgeIndex, l, r, a, 0.5)))([lhs, rhs, att]);
    // z per edge: [0, 0] (the kink), [1.5, 1.5], [-0.5, 2.5], out of range → logits 0, 7.5, 7, 0.
    expect(value.dataSync()[0]).toBeCloseTo(14.5, 5);
    expect(Array.from(grads[2]!.dataSync())).toEqual([1.25, 4]);
    expect(Array.from(grads[0]!.dataSync())).toEqual([1, 1.5, 3, 6]);
    tf.dispose([value, ...grads]);
    expect(tf.memory().numTensors).toBe(before);
    expect(isCompositeKernel(AdditiveAttentionGrad, 'wasm')).toBe(false);
    expect(tf.getKernel(AdditiveAttention, 'wasm')?.kernelFunc).toBe(additiveAttentionConfig.kernelFunc);
    expect(tf.getKernel(AdditiveAttentionGrad, 'wasm')?.kernelFunc).toBe(additiveAttentionGradConfig.kernelFunc);
    tf.dispose([edgeIndex, lhs, rhs, att]);
  });
});
