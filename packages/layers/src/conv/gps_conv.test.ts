import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError, manualSeed } from '@gnnjs/core';
import { GINConv, GPSConv, MultiheadAttention, ReLU, Sequential, TorchLinear } from '@gnnjs/layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const gin = (c: number) => new GINConv(new Sequential(new TorchLinear(c, c), new ReLU(), new TorchLinear(c, c)));
// Graph 0 = nodes 0..2 (a path), graph 1 = nodes 3..6 (a cycle), graph 2 = node 7 alone.
const edgeIndex = () => tf.tensor2d([[0, 1, 1, 2, 3, 4, 5, 6], [1, 0, 2, 1, 4, 5, 6, 3]], undefined, 'int32');
const batch = () => tf.tensor1d([0, 0, 0, 1, 1, 1, 1, 2], 'int32');

/** Multi-head attention on one graph the textbook way: dense softmax(q kᵀ / sqrt(d)) v per head. */
function denseAttention(attn: MultiheadAttention, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, e] = x.shape;
    const d = e / attn.numHeads;
    const qkv = tf.add(tf.matMul(x, attn.inProjWeight, false, true), attn.inProjBias!);
    const heads = tf.split(qkv, 3, 1).map((t) => tf.transpose(tf.reshape(t, [n, attn.numHeads, d]), [1, 0, 2]) as tf.Tensor3D);
    const weights = tf.softmax(tf.div(tf.matMul(heads[0]!, heads[1]!, false, true), Math.sqrt(d)));
    const out = tf.reshape(tf.transpose(tf.matMul(weights, heads[2]!), [1, 0, 2]), [n, e]) as tf.Tensor2D;
    return attn.outProj.forward(out);
  });
}

describe('GPSConv', () => {
  it('attends only within each graph: a change in one graph leaves the others as they were', () => {
    manualSeed(3);
    const gps = new GPSConv(8, null, { heads: 2, norm: null });
    gps.eval();
    const x = tf.randomNormal([8, 8], 0, 1, 'float32', 1) as tf.Tensor2D;
    const changed = tf.tidy(() => tf.add(x, tf.mul(tf.reshape(tf.oneHot(tf.tensor1d([4], 'int32'), 8), [8, 1]), 5))) as tf.Tensor2D;
    const [a, b] = [x, changed].map((input) => gps.forward(input, edgeIndex(), { batch: batch(), numGraphs: 3 }).arraySync());
    expect(a!.slice(0, 3)).toEqual(b!.slice(0, 3));
    expect(a![7]).toEqual(b![7]);
    expect(a![3]).not.toEqual(b![3]);
    gps.dispose();
  });

  it("matches dense multi-head attention per graph (PyTorch's formula)", () => {
    manualSeed(4);
    const attn = new MultiheadAttention(6, 3);
    const x = tf.randomNormal([7, 6], 0, 1, 'float32', 2) as tf.Tensor2D;
    const ids = tf.tensor1d([0, 0, 0, 0, 1, 1, 1], 'int32');
    const ours = attn.forward(x, ids, 2).arraySync();
    const first = denseAttention(attn, tf.slice(x, [0, 0], [4, 6])).arraySync();
    const second = denseAttention(attn, tf.slice(x, [4, 0], [3, 6])).arraySync();
    [...first, ...second].forEach((row, i) => row.forEach((v, c) => expect(ours[i]![c]).toBeCloseTo(v, 5)));
    attn.dispose();
  });

  it('trains (dropout, attention dropout, batch norm): every parameter gets a gradient and no tensor is left behind', () => {
    manualSeed(5);
    const gps = new GPSConv(8, gin(8), { heads: 2, dropout: 0.2, attnDropout: 0.3 });
    gps.train();
    const x = tf.randomNormal([8, 8], 0, 1, 'float32', 3) as tf.Tensor2D;
    const [e, b] = [edgeIndex(), batch()];
    const step = () => {
      const { grads, value } = tf.variableGrads(() => tf.sum(tf.square(gps.forward(x, e, { batch: b, numGraphs: 3 }))) as tf.Scalar, gps.parameters());
      const missing = gps.namedParameters().filter(([, v]) => grads[v.name] === undefined).map(([name]) => name);
      tf.dispose([value, ...Object.values(grads)]);
      return missing;
    };
    expect(step()).toEqual([]);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) step();
    expect(tf.memory().numTensors).toBe(before);
    gps.dispose();
  });

  it("prints PyG's repr, with and without a local layer", () => {
    const withConv = new GPSConv(4, gin(4), { heads: 2 });
    expect(withConv.toString()).toBe(
      'GPSConv(4, conv=GINConv(nn=Sequential(\n  (0): Linear(in_features=4, out_features=4, bias=True)\n  (1): ReLU()\n  (2): Linear(in_features=4, out_features=4, bias=True)\n)), heads=2, attn_type=multihead)',
    );
    expect(new GPSConv(4, null).toString()).toBe('GPSConv(4, conv=None, heads=1, attn_type=multihead)');
    expect(withConv.namedParameters().map(([n]) => n)).toEqual([
      'conv.nn.0.weight', 'conv.nn.0.bias', 'conv.nn.2.weight', 'conv.nn.2.bias',
      'attn.in_proj_weight', 'attn.in_proj_bias', 'attn.out_proj.weight', 'attn.out_proj.bias',
      'mlp.0.weight', 'mlp.0.bias', 'mlp.3.weight', 'mlp.3.bias',
      'norm1.module.weight', 'norm1.module.bias', 'norm2.module.weight', 'norm2.module.bias', 'norm3.module.weight', 'norm3.module.bias',
    ]);
  });

  it('refuses bad options and inputs with a ShapeError naming the field', () => {
    expect(() => new GPSConv(6, null, { heads: 4 })).toThrow(ShapeError);
    expect(() => new GPSConv(6, null, { norm: 'group_norm' as 'batch_norm' })).toThrow(/norm/);
    const gps = new GPSConv(4, null, { norm: 'layer_norm' });
    expect(() => gps.forward(tf.zeros([3, 5]) as tf.Tensor2D, edgeIndex())).toThrow(/x: GPSConv expects \[N, 4\]/);
    expect(() => gps.forward(tf.zeros([3, 4]) as tf.Tensor2D, edgeIndex(), { batch: tf.tensor1d([0, 1], 'int32') })).toThrow(/batch/);
  });
});
