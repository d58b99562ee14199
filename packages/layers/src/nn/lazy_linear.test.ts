import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { ShapeError } from '@gnnjs/core';
import { GATConv, Linear, SAGEConv } from '@gnnjs/layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it("Linear(-1, out) is lazy, as PyG's: weight then bias made at the first forward, with the input width", () => {
  const lin = new Linear(-1, 3);
  expect(lin.isMaterialized).toBe(false);
  expect(lin.namedParameters()).toEqual([]);
  expect(lin.toString()).toBe('Linear(-1, 3, bias=True)');
  expect(() => lin.weight).toThrow(ShapeError);
  expect(() => lin.bias).toThrow(/no bias before its first forward/);
  const y = lin.forward(tf.ones([2, 4]));
  expect(y.shape).toEqual([2, 3]);
  expect(lin.namedParameters().map(([k, v]) => `${k}:${v.shape.join('x')}`)).toEqual(['weight:3x4', 'bias:3']);
  expect(lin.inChannels).toBe(4);
  // kaiming-uniform bound 1/sqrt(in) for the weight and the bias, as PyG's reset on materialisation.
  expect(tf.max(tf.abs(lin.weight)).dataSync()[0]).toBeLessThanOrEqual(0.5);
  expect(() => lin.forward(tf.ones([2, 5]))).toThrow(/Linear expects \[\.\.\., 4\]/);
  expect(() => lin.materialize(5)).toThrow(ShapeError);
  const noBias = new Linear(-1, 2, { bias: false });
  noBias.materialize(6);
  expect(noBias.bias).toBeNull();
  expect(() => new Linear(-2, 3)).toThrow(/inChannels: expected a positive integer, got -2/);
});

it('layers built with -1 widths take any width at their first forward, then only that one', () => {
  const conv = new GATConv([-1, -1], 2, { heads: 2, addSelfLoops: false });
  const edges = tf.tensor2d([[0, 1], [1, 0]], undefined, 'int32');
  conv.forward([tf.ones([2, 3]) as tf.Tensor2D, tf.ones([2, 7]) as tf.Tensor2D], edges);
  expect(conv.toString()).toBe('GATConv((-1, -1), 2, heads=2)');
  expect(conv.namedParameters().map(([k, v]) => `${k}:${v.shape.join('x')}`)).toEqual([
    'att_src:1x2x2', 'att_dst:1x2x2', 'bias:4', 'lin_src.weight:4x3', 'lin_dst.weight:4x7',
  ]);
  const sage = new SAGEConv(-1, 4);
  expect(sage.forward(tf.ones([2, 5]) as tf.Tensor2D, edges).shape).toEqual([2, 4]);
  expect(() => sage.forward(tf.ones([2, 6]) as tf.Tensor2D, edges)).toThrow(ShapeError);
});
