// The additive attention kernels on the simulated `tensorflow` backend (see
// kernels_on_fake_tensorflow.test.ts, where the conformance suite runs them).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdditiveAttention, AdditiveAttentionGrad, additiveAttention, isCompositeKernel } from '@gnnjs/core';
import '../register_all_kernels.js';
import { registerFakeTensorflowBackend, type FakeTensorflowBackend } from '../test_support/fake_tensorflow_backend.js';

registerFakeTensorflowBackend();

describe('additive attention on a simulated tensorflow backend', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('tensorflow')).toBe(true);
  });

  it('runs TensorFlow ops forward and backward, and masks edges out of range', () => {
    const ops = (tf.findBackend('tensorflow') as FakeTensorflowBackend).executedOps;
    ops.length = 0;
    const edgeIndex = tf.tensor2d([[0, 1, 1, 5], [1, 0, 1, 0]], [2, 4], 'int32');
    const lhs = tf.tensor3d([[[1, -2]], [[0.5, 0.5]]]);
    const rhs = tf.tensor3d([[[1, 1]], [[-1, 2]]]);
    const att = tf.tensor2d([[2, 3]]);
    const f = (l: tf.Tensor, r: tf.Tensor, a: tf.Tensor): tf.Tensor => additiveAttention(edgeIndex, l, r, a, 0.5);
    const logits = f(lhs, rhs, att);
    // z per edge: [0, 0], [1.5, 1.5], [-0.5, 2.5], out of range.
    expect(Array.from(logits.dataSync())).toEqual([0, 7.5, 7, 0]);
    const [dLhs, dRhs, dAtt] = tf.grads(f)([lhs, rhs, att]);
    expect(Array.from(dLhs!.dataSync())).toEqual([1, 1.5, 3, 6]);
    expect(Array.from(dRhs!.dataSync())).toEqual([2, 3, 2, 4.5]);
    expect(Array.from(dAtt!.dataSync())).toEqual([1.25, 4]);
    expect(ops).toContain('UnsortedSegmentSum');
    expect(isCompositeKernel(AdditiveAttention, 'tensorflow')).toBe(false);
    expect(isCompositeKernel(AdditiveAttentionGrad, 'tensorflow')).toBe(false);
    tf.dispose([edgeIndex, lhs, rhs, att, logits, dLhs!, dRhs!, dAtt!]);
  });
});
