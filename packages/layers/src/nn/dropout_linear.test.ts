import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, manualSeed, nextSeed } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GCNConv, Linear, dropout, dropoutLinear } from '@gnnjs/layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A `[rows, cols]` matrix about 3 % non-zero (bag-of-words-like). */
const sparse = (rows: number, cols: number): tf.Tensor2D =>
  tf.tensor2d(Float32Array.from({ length: rows * cols }, (_, i) => ((i * 2654435761) % 97 < 3 ? Math.sin(i) : 0)), [rows, cols]);

describe('dropoutLinear', () => {
  it('is linear.forward(dropout(x)) with the same draw of the seed stream, bit for bit, and its gradients', () => {
    const lin = new Linear(120, 6);
    const x = sparse(50, 120);
    const r = tf.randomUniform([50, 6], -1, 1, 'float32', 3);
    const loss = (f: () => tf.Tensor) => () => tf.sum(tf.mul(f(), r)) as tf.Scalar;
    manualSeed(11);
    const fused = tf.variableGrads(loss(() => dropoutLinear(x, 0.5, true, lin)));
    const nextAfterFused = nextSeed();
    manualSeed(11);
    const unfused = tf.variableGrads(loss(() => lin.forward(dropout(x, 0.5, true))));
    expect(nextSeed()).toBe(nextAfterFused);
    expect(fused.value.dataSync()).toEqual(unfused.value.dataSync());
    for (const name of Object.keys(unfused.grads)) expect(fused.grads[name]!.dataSync()).toEqual(unfused.grads[name]!.dataSync());
    tf.dispose([x, r, fused.value, unfused.value, ...Object.values(fused.grads), ...Object.values(unfused.grads)]);
    lin.dispose();
  });

  it('is linear.forward(x) outside training or at p = 0, and names a wrong width', () => {
    const lin = new Linear(4, 2);
    const x = tf.ones([3, 4]) as tf.Tensor2D;
    expect(dropoutLinear(x, 0.5, false, lin).dataSync()).toEqual(lin.forward(x).dataSync());
    expect(dropoutLinear(x, 0, true, lin).dataSync()).toEqual(lin.forward(x).dataSync());
    expect(() => dropoutLinear(tf.ones([3, 5]) as tf.Tensor2D, 0.5, true, lin)).toThrow(ShapeError);
    expect(() => dropoutLinear(x, 1, true, lin)).toThrow(/dropout probability/);
    lin.dispose();
  });

  it('materialises a lazy Linear from the input width', () => {
    const lazy = new Linear(-1, 3);
    expect(dropoutLinear(sparse(5, 7), 0.2, true, lazy).shape).toEqual([5, 3]);
    expect(lazy.inChannels).toBe(7);
    lazy.dispose();
  });
});

describe('GCNConv.forwardProjected', () => {
  it('is the rest of forward, from x · lin.weightᵀ', () => {
    const conv = new GCNConv(8, 3);
    const x = tf.randomUniform([5, 8], -1, 1, 'float32', 1) as tf.Tensor2D;
    const edgeIndex = tf.tensor2d([[0, 1, 2, 3], [1, 2, 3, 4]], [2, 4], 'int32');
    expect(conv.forwardProjected(conv.lin.forward(x), edgeIndex).dataSync()).toEqual(conv.forward(x, edgeIndex).dataSync());
    expect(() => conv.forwardProjected(x, edgeIndex)).toThrow(/forwardProjected expects \[N, 3\]/);
    tf.dispose([x, edgeIndex]);
    conv.dispose();
  });
});
