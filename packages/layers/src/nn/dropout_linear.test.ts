import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, manualSeed, nextSeed } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GAT, GATConv, GATv2, GATv2Conv, GCNConv, Linear, dropout, dropoutLinear, dropoutLinears } from '@gnnjs/layers';

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

describe('GATConv.forwardProjected', () => {
  const edgeIndex = () => tf.tensor2d([[0, 1, 2, 3, 4, 0], [1, 2, 3, 4, 0, 3]], [2, 6], 'int32');

  it('is the rest of forward, from x · lin.weightᵀ: output, attention, and with edge features', () => {
    const conv = new GATConv(8, 3, { heads: 2, edgeDim: 2 });
    const x = tf.randomUniform([5, 8], -1, 1, 'float32', 1) as tf.Tensor2D;
    const e = edgeIndex();
    const edgeAttr = tf.randomUniform([6, 2], -1, 1, 'float32', 2);
    const a = conv.forward(x, e, { edgeAttr, returnAttentionWeights: true });
    const b = conv.forwardProjected(conv.lin!.forward(x), e, { edgeAttr, returnAttentionWeights: true });
    expect(b.output.dataSync()).toEqual(a.output.dataSync());
    expect(b.attention.alpha.dataSync()).toEqual(a.attention.alpha.dataSync());
    expect(b.attention.edgeIndex.dataSync()).toEqual(a.attention.edgeIndex.dataSync());
    tf.dispose([x, e, edgeAttr, a.output, a.attention.alpha, a.attention.edgeIndex, b.output, b.attention.alpha, b.attention.edgeIndex]);
    conv.dispose();
  });

  it('names what it cannot take: a wrong width, a residual or bipartite layer, a bad edge index', () => {
    const e = edgeIndex();
    const conv = new GATConv(8, 3, { heads: 2 });
    expect(() => conv.forwardProjected(tf.ones([5, 8]) as tf.Tensor2D, e)).toThrow(new ShapeError('z', 'GATConv.forwardProjected expects [N, 6] (features times lin.weightᵀ), got [5, 8]'));
    expect(() => conv.forwardProjected(tf.ones([5, 6]) as tf.Tensor2D, tf.ones([3, 6]) as tf.Tensor2D)).toThrow(/edgeIndex/);
    const residual = new GATConv(8, 3, { residual: true });
    expect(() => residual.forwardProjected(tf.ones([5, 3]) as tf.Tensor2D, e)).toThrow(/needs a layer with one lin and no residual/);
    const bipartite = new GATConv([8, 4], 3, { addSelfLoops: false });
    expect(() => bipartite.forwardProjected(tf.ones([5, 3]) as tf.Tensor2D, e)).toThrow(/needs a layer with one lin and no residual/);
    [conv, residual, bipartite].forEach((c) => c.dispose());
    e.dispose();
  });
});

describe("GAT's first layer: input dropout fused into the projection", () => {
  it('trains to the same numbers as dropout, then GATConv: output and every gradient, bit for bit', () => {
    const x = sparse(40, 90);
    const e = tf.tensor2d([Array.from({ length: 80 }, (_, i) => i % 40), Array.from({ length: 80 }, (_, i) => (i * 7 + 3) % 40)], [2, 80], 'int32');
    const model = new GAT(90, 4, { hiddenChannels: 4, heads: 3 });
    const r = tf.randomUniform([40, 4], -1, 1, 'float32', 5);
    const loss = (f: () => tf.Tensor) => () => tf.sum(tf.mul(f(), r)) as tf.Scalar;
    // The model's forward before the fusion, written out.
    const unfusedForward = () => {
      const h0 = dropout(x, model.dropout, true);
      const h1 = dropout(tf.elu(model.conv1.forward(h0, e)), model.dropout, true);
      return model.conv2.forward(h1, e);
    };
    model.train();
    manualSeed(3);
    const fused = tf.variableGrads(loss(() => model.forward(x, e)));
    manualSeed(3);
    const unfused = tf.variableGrads(loss(unfusedForward));
    expect(fused.value.dataSync()).toEqual(unfused.value.dataSync());
    expect(Object.keys(fused.grads).sort()).toEqual(Object.keys(unfused.grads).sort());
    for (const name of Object.keys(unfused.grads)) expect(fused.grads[name]!.dataSync(), name).toEqual(unfused.grads[name]!.dataSync());
    tf.dispose([x, e, r, fused.value, unfused.value, ...Object.values(fused.grads), ...Object.values(unfused.grads)]);
    model.dispose();
  });
});

describe('dropoutLinears and GATv2Conv.forwardProjected', () => {
  it('dropoutLinears is each linear of one dropout of x, bit for bit, and its gradients', () => {
    const linears = [new Linear(120, 6), new Linear(120, 4, { bias: false })];
    const x = sparse(50, 120);
    const r = tf.randomUniform([50, 10], -1, 1, 'float32', 3);
    const loss = (f: () => tf.Tensor[]) => () => tf.sum(tf.mul(tf.concat(f(), 1), r)) as tf.Scalar;
    manualSeed(11);
    const fused = tf.variableGrads(loss(() => dropoutLinears(x, 0.5, true, linears)));
    const nextAfterFused = nextSeed();
    manualSeed(11);
    const unfused = tf.variableGrads(loss(() => {
      const dropped = dropout(x, 0.5, true);
      return linears.map((l) => l.forward(dropped));
    }));
    expect(nextSeed()).toBe(nextAfterFused);
    expect(fused.value.dataSync()).toEqual(unfused.value.dataSync());
    expect(Object.keys(fused.grads).length).toBe(3);
    for (const name of Object.keys(unfused.grads)) expect(fused.grads[name]!.dataSync(), name).toEqual(unfused.grads[name]!.dataSync());
    expect(dropoutLinears(x, 0.5, false, linears).map((y) => y.shape)).toEqual([[50, 6], [50, 4]]);
    expect(() => dropoutLinears(tf.ones([3, 5]) as tf.Tensor2D, 0.5, true, linears)).toThrow(new ShapeError('x', 'dropoutLinears expects [N, 120], got [3, 5]'));
    tf.dispose([x, r, fused.value, unfused.value, ...Object.values(fused.grads), ...Object.values(unfused.grads)]);
    linears.forEach((l) => l.dispose());
  });

  it('GATv2Conv.forwardProjected is the rest of forward, with and without shareWeights, and names what it cannot take', () => {
    const x = tf.randomUniform([5, 8], -1, 1, 'float32', 1) as tf.Tensor2D;
    const e = tf.tensor2d([[0, 1, 2, 3, 4, 0], [1, 2, 3, 4, 0, 3]], [2, 6], 'int32');
    const conv = new GATv2Conv(8, 3, { heads: 2 });
    const a = conv.forward(x, e, { returnAttentionWeights: true });
    const b = conv.forwardProjected([conv.linL.forward(x), conv.linR.forward(x)], e, { returnAttentionWeights: true });
    expect(b.output.dataSync()).toEqual(a.output.dataSync());
    expect(b.attention.alpha.dataSync()).toEqual(a.attention.alpha.dataSync());
    const shared = new GATv2Conv(8, 3, { heads: 2, shareWeights: true });
    expect(shared.forwardProjected(shared.linL.forward(x), e).dataSync()).toEqual(shared.forward(x, e).dataSync());
    expect(() => conv.forwardProjected(conv.linL.forward(x), e)).toThrow(new ShapeError('z', 'GATv2Conv.forwardProjected of a layer without shareWeights needs [zL, zR] (lin_l and lin_r differ)'));
    expect(() => conv.forwardProjected([x, x], e)).toThrow(new ShapeError('z[0]', 'GATv2Conv.forwardProjected expects [N, 6] (features through lin_l and lin_r), got [5, 8]'));
    const residual = new GATv2Conv(8, 3, { residual: true });
    expect(() => residual.forwardProjected([x, x], e)).toThrow(/needs a layer on one node set with no residual/);
    tf.dispose([x, e, a.output, a.attention.alpha, a.attention.edgeIndex, b.output, b.attention.alpha, b.attention.edgeIndex]);
    [conv, shared, residual].forEach((c) => c.dispose());
  });

  it.each([false, true])("GATv2's step (shareWeights %s) equals dropout, then GATv2Conv, bit for bit", (shareWeights) => {
    const x = sparse(40, 90);
    const e = tf.tensor2d([Array.from({ length: 80 }, (_, i) => i % 40), Array.from({ length: 80 }, (_, i) => (i * 7 + 3) % 40)], [2, 80], 'int32');
    const model = new GATv2(90, 4, { hiddenChannels: 4, heads: 3 });
    if (shareWeights) {
      // The model has no option for it: swap in a first layer that shares its weights.
      (model as unknown as { conv1: GATv2Conv }).conv1 = new GATv2Conv(90, 4, { heads: 3, concat: true, dropout: 0.6, shareWeights: true });
    }
    const r = tf.randomUniform([40, 4], -1, 1, 'float32', 5);
    const loss = (f: () => tf.Tensor) => () => tf.sum(tf.mul(f(), r)) as tf.Scalar;
    const unfused = () => model.conv2.forward(dropout(tf.elu(model.conv1.forward(dropout(x, model.dropout, true), e)), model.dropout, true), e);
    model.train();
    manualSeed(3);
    const fused = tf.variableGrads(loss(() => model.forward(x, e)));
    manualSeed(3);
    const plain = tf.variableGrads(loss(unfused));
    expect(fused.value.dataSync()).toEqual(plain.value.dataSync());
    for (const name of Object.keys(plain.grads)) expect(fused.grads[name]!.dataSync(), name).toEqual(plain.grads[name]!.dataSync());
    tf.dispose([x, e, r, fused.value, plain.value, ...Object.values(fused.grads), ...Object.values(plain.grads)]);
    model.conv1.dispose();
    model.dispose();
  });
});
