import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import type { Module } from '@gnnjs/core';
import { GATConv, GATv2Conv, GCNConv } from '@gnnjs/layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Each attention layer declares its own forward overloads: a union of two of them needs a common type.
type Conv = Module & { forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor2D };

it.each<[string, () => Conv]>([
  ['GCNConv', () => new GCNConv(3, 2, { addSelfLoops: false })],
  ['GATConv', () => new GATConv(3, 2, { heads: 2, addSelfLoops: false })],
  ['GATv2Conv', () => new GATv2Conv(3, 2, { heads: 2, addSelfLoops: false })],
])('%s on a graph without edges returns the bias, and differentiates', (_name, make) => {
  const conv = make();
  const x = tf.ones([4, 3]) as tf.Tensor2D;
  const empty = tf.zeros([2, 0], 'int32') as tf.Tensor2D;
  const out = conv.forward(x, empty);
  const bias = conv.stateDict().bias!;
  expect(out.shape).toEqual([4, bias.shape[0]]);
  expect(Array.from(out.dataSync())).toEqual(Array.from(tf.tile(bias, [4]).dataSync()));
  const { grads } = tf.variableGrads(() => tf.sum(conv.forward(x, empty)) as tf.Scalar, conv.parameters());
  expect(Object.keys(grads)).toHaveLength(conv.parameters().length);
});
