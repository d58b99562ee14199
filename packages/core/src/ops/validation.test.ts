import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectShapeError } from '../test_support/expect_shape_error.js';
import { gatherRows, sddmm, segmentMax, segmentMean, segmentSoftmax, segmentSum, ShapeError, spmm, type SDDMMOp } from '@gnnjs/core';


const edgeIndex = (): tf.Tensor => tf.tensor2d([[0, 1, 2], [1, 2, 0]], [2, 3], 'int32');

describe('argument validation of the GNN ops', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  describe('gatherRows', () => {
    it('rejects int features and float indices', () => {
      expectShapeError(() => gatherRows(tf.tensor1d([1, 2], 'int32'), [0]), 'x', 'float32');
      expectShapeError(() => gatherRows(tf.tensor1d([1, 2]), tf.tensor1d([0])), 'indices', 'int32');
    });
    it('rejects a scalar x and 2-D indices', () => {
      expectShapeError(() => gatherRows(tf.scalar(1), [0]), 'x', 'rank >= 1');
      expectShapeError(() => gatherRows(tf.tensor1d([1, 2]), tf.tensor2d([[0]], [1, 1], 'int32')), 'indices', 'rank 1');
    });
  });

  describe.each([
    ['segmentSum', segmentSum],
    ['segmentMean', segmentMean],
    ['segmentMax', segmentMax],
  ] as const)('%s', (name, reduce) => {
    it('rejects int data and float segment ids', () => {
      expectShapeError(() => reduce(tf.tensor1d([1, 2], 'int32'), [0, 0], 1), 'data', `${name} expects float32`);
      expectShapeError(() => reduce(tf.tensor1d([1, 2]), tf.tensor1d([0, 0]), 1), 'segmentIds', 'int32');
    });
    it('rejects data and segment ids of different lengths', () => {
      expectShapeError(() => reduce(tf.tensor2d([[1], [2], [3]]), [0, 1], 2), 'segmentIds', 'same length, got 3 and 2');
    });
    it('rejects 2-D segment ids and a bad segment count', () => {
      expectShapeError(() => reduce(tf.tensor1d([1]), tf.tensor2d([[0]], [1, 1], 'int32'), 1), 'segmentIds', 'rank 1');
      expectShapeError(() => reduce(tf.tensor1d([1]), [0], -1), 'numSegments', 'non-negative integer');
      expectShapeError(() => reduce(tf.tensor1d([1]), [0], 1.5), 'numSegments', 'non-negative integer');
    });
  });

  describe('segmentSoftmax', () => {
    it('rejects mismatched lengths, int logits and a bad segment count', () => {
      expectShapeError(() => segmentSoftmax(tf.tensor1d([1, 2]), [0], 1), 'segmentIds', 'same length');
      expectShapeError(() => segmentSoftmax(tf.tensor1d([1], 'int32'), [0], 1), 'logits', 'float32');
      expectShapeError(() => segmentSoftmax(tf.tensor1d([1]), [0], Number.NaN), 'numSegments', 'non-negative integer');
    });
  });

  describe('spmm', () => {
    it('rejects an edge index that is not [2, E] int32', () => {
      expectShapeError(() => spmm(tf.tensor2d([[0], [1], [2]], [3, 1], 'int32'), tf.ones([3, 2]), undefined, 3), 'edgeIndex', '[2, E]');
      expectShapeError(() => spmm(tf.tensor1d([0, 1], 'int32'), tf.ones([3, 2]), undefined, 3), 'edgeIndex', '[2, E]');
      expectShapeError(() => spmm(tf.tensor2d([[0], [1]]), tf.ones([3, 2]), undefined, 3), 'edgeIndex', 'int32');
    });
    it('rejects rank-1 x and a bad numDstNodes', () => {
      expectShapeError(() => spmm(edgeIndex(), tf.ones([3]), undefined, 3), 'x', 'rank >= 2');
      expectShapeError(() => spmm(edgeIndex(), tf.ones([3, 2]), undefined, -2), 'numDstNodes', 'non-negative integer');
    });
    it('rejects a weight with the wrong edge count or a non-prefix shape', () => {
      expectShapeError(() => spmm(edgeIndex(), tf.ones([3, 2, 4]), tf.ones([2]), 3), 'weight', 'E = 3');
      expectShapeError(() => spmm(edgeIndex(), tf.ones([3, 2, 4]), tf.ones([3, 4]), 3), 'weight', 'prefix of [2, 4]');
      expectShapeError(() => spmm(edgeIndex(), tf.ones([3, 2]), tf.ones([3, 2, 1]), 3), 'weight', 'prefix');
      expectShapeError(() => spmm(edgeIndex(), tf.ones([3, 2]), tf.ones([3], 'int32'), 3), 'weight', 'float32');
    });
  });

  describe('sddmm', () => {
    it('rejects rows of different shapes', () => {
      expectShapeError(() => sddmm(edgeIndex(), tf.ones([3, 2]), tf.ones([3, 3])), 'rhs', 'one shape');
      expectShapeError(() => sddmm(edgeIndex(), tf.ones([3, 2]), tf.ones([3, 2, 1])), 'rhs', 'one shape');
    });
    it("rejects rank-1 rows for 'dot' and an unknown op", () => {
      expectShapeError(() => sddmm(edgeIndex(), tf.ones([3]), tf.ones([3]), 'dot'), 'lhs', 'rank >= 2');
      expectShapeError(() => sddmm(edgeIndex(), tf.ones([3, 2]), tf.ones([3, 2]), 'max' as SDDMMOp), 'op', "'max'");
    });
    it('rejects a float edge index', () => {
      expectShapeError(() => sddmm(tf.tensor2d([[0], [1]]), tf.ones([3, 2]), tf.ones([3, 2])), 'edgeIndex', 'int32');
    });
  });

  it('accepts plain arrays and frees the tensors it converts them to', () => {
    const before = tf.memory().numTensors;
    const out = segmentSum([[1, 2], [3, 4], [5, 6]], [1, 1, 0], 2);
    expect(out.arraySync()).toEqual([[5, 6], [4, 6]]);
    out.dispose();
    const summed = spmm([[0, 1], [1, 1]], [[1], [2]], undefined, 2);
    expect(summed.arraySync()).toEqual([[0], [3]]);
    summed.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves the caller’s tensors alone when it throws', () => {
    const data = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    expect(() => segmentSum(data, [0], 1)).toThrow(ShapeError);
    expect(tf.memory().numTensors).toBe(before);
    expect(data.isDisposed).toBe(false);
  });
});
