/**
 * `GCNConv({ improved: true })` keeps PyG's documented `A + 2I` with and
 * without an edge weight. PyG 2.6.1's code differs without one (it applies
 * the 2 only to a given `edge_weight`); numbers from running PyG 2.6.1's
 * `gcn_norm` on edges 0→1, 1→0 (torch 1.13):
 *   no edge_weight, improved True or False: [0.5, 0.5, 0.5, 0.5]
 *   edge_weight ones, improved True:        [1/3, 1/3, 2/3, 2/3] (edges, then the loops)
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { GCNConv } from '@gnnjs/layers';
import { beforeAll, expect, it } from 'vitest';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('improved: true is A + 2I without an edge weight too (where PyG 2.6.1 would give A + I)', () => {
  const conv = new GCNConv(1, 1, { improved: true, bias: false });
  conv.lin.weight.assign(tf.ones([1, 1]));
  const x = tf.tensor2d([[1], [0]]);
  const edgeIndex = tf.tensor2d([[0, 1], [1, 0]], undefined, 'int32');
  // x'_0 = 2/3·x_0 + 1/3·x_1, x'_1 = 1/3·x_0 + 2/3·x_1: PyG's with-edge_weight numbers.
  const without = Array.from(conv.forward(x, edgeIndex).dataSync());
  const withWeight = Array.from(conv.forward(x, edgeIndex, tf.ones([2]) as tf.Tensor1D).dataSync());
  expect(without[0]).toBeCloseTo(2 / 3, 6);
  expect(without[1]).toBeCloseTo(1 / 3, 6);
  withWeight.forEach((v, i) => expect(v).toBeCloseTo(without[i]!, 6));
  // improved: false is A + I: 1/2 everywhere on this graph (PyG's no-edge_weight result for both settings).
  const plain = new GCNConv(1, 1, { bias: false });
  plain.lin.weight.assign(tf.ones([1, 1]));
  expect(Array.from(plain.forward(x, edgeIndex).dataSync()).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.5, 0.5]);
});
