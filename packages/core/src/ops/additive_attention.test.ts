import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectShapeError } from '../test_support/expect_shape_error.js';
import { additiveAttention, isCompositeKernel, AdditiveAttention } from '@gnnjs/core';


describe('additiveAttention', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const edges = [[0, 1, 1, 5], [1, 0, 1, 0]];
  const lhs = (): tf.Tensor => tf.tensor3d([[[1, -2]], [[0.5, 0.5]]]);
  const rhs = (): tf.Tensor => tf.tensor3d([[[1, 1]], [[-1, 2]]]);
  const att = (): tf.Tensor => tf.tensor2d([[2, 3]]);

  it('computes Σ_c att · LeakyReLU(lhs[src] + rhs[dst]) per edge and head through the composite', () => {
    tf.tidy(() => {
      // z per edge: [0, 0], [1.5, 1.5], [-0.5, 2.5], and an edge out of range, which gives 0.
      expect(Array.from(additiveAttention(edges, lhs(), rhs(), att(), 0.5).dataSync())).toEqual([0, 7.5, 7, 0]);
      expect(Array.from(additiveAttention(edges, lhs(), rhs(), att()).dataSync())).toEqual([0, 7.5, Math.fround(7.3), 0]);
      expect(additiveAttention([[], []], lhs(), rhs(), att()).shape).toEqual([0, 1]);
    });
    expect(isCompositeKernel(AdditiveAttention, 'cpu')).toBe(true);
  });

  it('rejects float edges, ranks other than 3, mismatched rows and a bad att', () => {
    tf.tidy(() => {
      expectShapeError(() => additiveAttention(tf.tensor2d(edges), lhs(), rhs(), att()), 'edgeIndex', 'int32');
      expectShapeError(() => additiveAttention([[0, 1]], lhs(), rhs(), att()), 'edgeIndex', '[2, E]');
      expectShapeError(() => additiveAttention(edges, tf.tensor2d([[1, 2]]), rhs(), att()), 'lhs', 'rank 3');
      expectShapeError(() => additiveAttention(edges, lhs(), tf.tensor2d([[1, 2]]), att()), 'rhs', 'rank 3');
      expectShapeError(() => additiveAttention(edges, lhs(), tf.ones([2, 1, 3]), att()), 'rhs', 'rows of shape [1, 2]');
      expectShapeError(() => additiveAttention(edges, lhs(), rhs(), tf.ones([1, 1, 2])), 'att', 'got [1, 1, 2]');
      expectShapeError(() => additiveAttention(edges, lhs(), rhs(), tf.ones([2, 2])), 'att', 'expects shape [1, 2]');
      expectShapeError(() => additiveAttention(edges, lhs(), tf.ones([2, 1, 2], 'int32'), att()), 'rhs', 'float32');
      expectShapeError(() => additiveAttention(edges, lhs(), rhs(), att(), Number.NaN), 'negativeSlope', 'finite number');
    });
  });
});
