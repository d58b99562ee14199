import { AdditiveAttention, AdditiveAttentionGrad, additiveAttention, isCompositeKernel } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import '../index.js';
import { additiveAttentionConfig, additiveAttentionGradConfig } from './AdditiveAttention.js';

describe("fused additive attention on 'cpu'", () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });

  it('runs forward and backward as one kernel each, never building an [E, H, C] tensor', async () => {
    const [N, E, H, C] = [6, 10, 2, 3];
    const edgeIndex = tf.tensor2d([[0, 1, 2, 3, 4, 5, 0, 2, 4, 5], [1, 2, 3, 4, 5, 0, 0, 0, 1, 1]], [2, E], 'int32');
    const lhs = tf.randomUniform([N, H, C], -1, 1, 'float32', 1);
    const rhs = tf.randomUniform([N, H, C], -1, 1, 'float32', 2);
    const att = tf.randomUniform([H, C], -1, 1, 'float32', 3);
    const f = (l: tf.Tensor, r: tf.Tensor, a: tf.Tensor): tf.Tensor => tf.sum(tf.square(additiveAttention(edgeIndex, l, r, a)));
    const info = await tf.profile(() => tf.grads(f)([lhs, rhs, att]));
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain(AdditiveAttention);
    expect(names).toContain(AdditiveAttentionGrad);
    const biggest = Math.max(...info.kernels.flatMap((k) => k.outputShapes.map((s) => s.reduce((p, d) => p * d, 1))));
    expect(biggest).toBeLessThan(E * H * C);
    expect(isCompositeKernel(AdditiveAttentionGrad, 'cpu')).toBe(false);
    expect(tf.getKernel(AdditiveAttention, 'cpu')?.kernelFunc).toBe(additiveAttentionConfig.kernelFunc);
    expect(tf.getKernel(AdditiveAttentionGrad, 'cpu')?.kernelFunc).toBe(additiveAttentionGradConfig.kernelFunc);
    tf.dispose([edgeIndex, lhs, rhs, att, ...(info.result as tf.Tensor[])]);
  });

  it('frees the gradients nobody asked for', () => {
    const edgeIndex = tf.tensor2d([[0, 1], [1, 0]], [2, 2], 'int32');
    const [lhs, rhs, att] = [tf.ones([2, 1, 2]), tf.ones([2, 1, 2]), tf.ones([1, 2])];
    const before = tf.memory().numTensors;
    const [dLhs] = tf.grads((l: tf.Tensor) => additiveAttention(edgeIndex, l, rhs, att))([lhs]);
    expect(dLhs!.arraySync()).toEqual([[[1, 1]], [[1, 1]]]);
    dLhs!.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([edgeIndex, lhs, rhs, att]);
  });
});
