import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '@gnnjs/core';
import { AttentionalAggregation, BatchNorm, BatchNorm1d, LayerNorm, MLP, TorchLinear, aggr } from '@gnnjs/layers';
import { pyFloat } from '../nn/python_repr.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const close = (t: tf.Tensor, expected: number[] | number[][], tol = 1e-5) => {
  const got = Array.from(t.dataSync());
  const want = [expected].flat(2) as number[];
  expect(got.length).toBe(want.length);
  got.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(tol));
};

// torch 1.13: BatchNorm1d(3, momentum=m) with weight [1, 2, 0.5], bias [0, 1, -1], two training batches, then eval.
const x1 = [[1, 2, 3], [3, 0, -1], [0.5, 4, 2], [2, 2, 0]];
const x2 = [[0, 1, 1], [2, -2, 1], [4, 0, 3]];
const torchY2 = [[-1.2247425317764282, 3.138082981109619, -1.3535513877868652], [0.0, -1.672603964805603, -1.3535513877868652], [1.2247425317764282, 1.5345207452774048, -0.29289722442626953]];
const torchRuns = {
  momentum: { rm: [0.3462499976158142, 0.14666666090488434, 0.2566666603088379], rv: [1.3206249475479126, 1.2833333015441895, 1.243333339691162], eval: [0.5688794851303101, 4.271990776062012, 0.23013582825660706] },
  cumulative: { rm: [1.8125, 0.8333333134651184, 1.3333332538604736], rv: [2.6145832538604736, 2.5, 2.3333332538604736], eval: [-0.5024828910827637, 2.47572660446167, -0.4544563889503479] },
};

describe('BatchNorm (PyG) and BatchNorm1d (torch)', () => {
  it.each([
    ['momentum 0.1', 0.1, torchRuns.momentum],
    ['momentum null (cumulative average)', null, torchRuns.cumulative],
  ] as const)('training with %s updates the running statistics as torch, eval uses them', (_name, momentum, expected) => {
    const bn = new BatchNorm(3, { momentum });
    bn.loadStateDict({ ...bn.stateDict(), 'module.weight': tf.tensor1d([1, 2, 0.5]), 'module.bias': tf.tensor1d([0, 1, -1]) });
    bn.forward(tf.tensor2d(x1));
    close(bn.forward(tf.tensor2d(x2)), torchY2);
    close(bn.module.runningMean!, expected.rm);
    close(bn.module.runningVar!, expected.rv);
    expect(bn.module.numBatchesTracked!.dataSync()[0]).toBe(2);
    bn.eval();
    close(bn.forward(tf.tensor2d([x1[0]!])), [expected.eval]);
    expect(bn.module.numBatchesTracked!.dataSync()[0]).toBe(2);
    bn.dispose();
  });

  it('names, buffers and repr as PyG; the buffers stay out of parameters()', () => {
    const bn = new BatchNorm(6);
    expect(bn.toString()).toBe('BatchNorm(6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)');
    expect(new BatchNorm1d(4, { momentum: null, affine: false }).toString()).toBe('BatchNorm1d(4, eps=1e-05, momentum=None, affine=False, track_running_stats=True)');
    expect(Object.keys(bn.stateDict())).toEqual(['module.weight', 'module.bias', 'module.running_mean', 'module.running_var', 'module.num_batches_tracked']);
    expect(bn.namedParameters().map(([k]) => k)).toEqual(['module.weight', 'module.bias']);
    expect(bn.module.numBatchesTracked!.dtype).toBe('int32');
    bn.dispose();
  });

  it('refuses one row in training (unless allowSingleElement), handles none, and names x on a wrong width', () => {
    const bn = new BatchNorm(3);
    expect(() => bn.forward(tf.ones([1, 3]) as tf.Tensor2D)).toThrow(/^x: BatchNorm1d in training needs more than one row/);
    expect(bn.forward(tf.zeros([0, 3]) as tf.Tensor2D).shape).toEqual([0, 3]);
    expect(bn.module.numBatchesTracked!.dataSync()[0]).toBe(0);
    expect(() => bn.forward(tf.ones([4, 2]) as tf.Tensor2D)).toThrow(ShapeError);
    expect(() => bn.forward(tf.ones([4, 2]) as tf.Tensor2D)).toThrow(/^x: .*\[N, 3\]/);
    const single = new BatchNorm(3, { allowSingleElement: true });
    close(single.forward(tf.tensor2d([[1, 2, 3]])), [[1, 2, 3].map((v) => v / Math.sqrt(1 + 1e-5))]);
    expect(single.training).toBe(true);
    expect(() => new BatchNorm(3, { allowSingleElement: true, trackRunningStats: false })).toThrow(/^allowSingleElement/);
    expect(() => new BatchNorm(3, { momentum: 2 })).toThrow(/^momentum/);
  });

  it('keeps the tensor count flat over training steps, statistics updates included', () => {
    const bn = new BatchNorm(3);
    const x = tf.randomNormal([8, 3], 0, 1, 'float32', 3) as tf.Tensor2D;
    const step = () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(bn.forward(x))) as tf.Scalar, bn.parameters());
      tf.dispose([value, ...Object.values(grads)]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) step();
    expect(tf.memory().numTensors).toBe(before);
    expect(bn.module.numBatchesTracked!.dataSync()[0]).toBe(6);
  });
});

describe('LayerNorm', () => {
  it("normalises per graph over nodes and channels ('graph'), or per node ('node'); PyG's std + eps without batch", () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [10, 10], [10, 12]]);
    const batch = tf.tensor1d([0, 0, 1, 1], 'int32');
    const g = new LayerNorm(2).forward(x, batch, 3);
    // graph 0: mean 2.5, var 1.25; graph 1: mean 10.5, var 0.75.
    close(g, [[-1.5, -0.5].map((v) => v / Math.sqrt(1.25 + 1e-5)), [0.5, 1.5].map((v) => v / Math.sqrt(1.25 + 1e-5)), [-0.5, -0.5].map((v) => v / Math.sqrt(0.75 + 1e-5)), [-0.5, 1.5].map((v) => v / Math.sqrt(0.75 + 1e-5))]);
    const whole = new LayerNorm(2).forward(tf.tensor2d([[1, 3]]));
    close(whole, [[-1 / (1 + 1e-5), 1 / (1 + 1e-5)]]);
    close(new LayerNorm(2, { mode: 'node' }).forward(tf.tensor2d([[1, 3]])), [[-1 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5)]]);
    expect(new LayerNorm(2).forward(tf.zeros([0, 2]) as tf.Tensor2D, tf.zeros([0], 'int32') as tf.Tensor1D).shape).toEqual([0, 2]);
    expect(new LayerNorm(6, { mode: 'node', affine: false }).toString()).toBe('LayerNorm(6, affine=False, mode=node)');
    expect(() => new LayerNorm(2).forward(x, tf.tensor1d([0, 1], 'int32'))).toThrow(/^batch: /);
    expect(() => new LayerNorm(3).forward(x)).toThrow(/^x: /);
    expect(() => new LayerNorm(3, { mode: 'batch' as 'node' })).toThrow(/^mode/);
  });
});

describe('MLP', () => {
  it("builds PyG's layers and names: lins.k, norms.k.module.*, plain last layer", () => {
    const mlp = new MLP([6, 16, 16, 4]);
    expect(mlp.toString()).toBe('MLP(6, 16, 16, 4)');
    expect(mlp.namedParameters().map(([k]) => k)).toEqual([
      'lins.0.weight', 'lins.0.bias', 'lins.1.weight', 'lins.1.bias', 'lins.2.weight', 'lins.2.bias',
      'norms.0.module.weight', 'norms.0.module.bias', 'norms.1.module.weight', 'norms.1.module.bias',
    ]);
    expect(mlp.namedBuffers().map(([k]) => k)).toContain('norms.1.module.num_batches_tracked');
    expect(mlp.dropout).toEqual([0, 0, 0]);
    const plain = new MLP({ inChannels: 3, hiddenChannels: 8, outChannels: 2, numLayers: 2 }, { norm: null, dropout: 0.5 });
    expect(plain.channelList).toEqual([3, 8, 2]);
    expect(plain.dropout).toEqual([0.5, 0]);
    expect(plain.namedParameters().map(([k]) => k)).toEqual(['lins.0.weight', 'lins.0.bias', 'lins.1.weight', 'lins.1.bias']);
    expect(new MLP([3, 8, 2], { norm: 'layer_norm' }).namedParameters().map(([k]) => k)).toContain('norms.0.weight');
  });

  it('runs in training and eval mode, on no rows too, with typed errors for bad options', () => {
    const mlp = new MLP([3, 8, 8, 2], { dropout: 0.3, norm: 'layer_norm' });
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 4) as tf.Tensor2D;
    expect(mlp.forward(x, tf.tensor1d([0, 0, 1, 1, 1], 'int32'), 2).shape).toEqual([5, 2]);
    mlp.eval();
    expect(mlp.forward(x).shape).toEqual([5, 2]);
    expect(new MLP([3, 4, 2]).eval().forward(tf.zeros([0, 3]) as tf.Tensor2D).shape).toEqual([0, 2]);
    expect(() => new MLP([3])).toThrow(/^channelList/);
    expect(() => new MLP([3, 4, 2], { dropout: [0.1] })).toThrow(/^dropout: MLP has 2 layers/);
    expect(() => new MLP([3, 4, 2], { norm: 'group_norm' as 'batch_norm' })).toThrow(/^norm/);
    expect(() => new MLP({ inChannels: 3, outChannels: 2, numLayers: 3 })).toThrow(/^hiddenChannels/);
    expect(() => new MLP([3, 4, 2]).forward(tf.ones([2, 5]) as tf.Tensor2D)).toThrow(/^x: /);
  });
});

describe('AttentionalAggregation and the aggr namespace', () => {
  it('softmaxes the gate over each graph and sums; empty graphs give 0, no batch is one graph', () => {
    const pool = new AttentionalAggregation(new TorchLinear(2, 1), new TorchLinear(2, 3));
    pool.loadStateDict({ 'gate_nn.weight': tf.tensor2d([[1, 0]]), 'gate_nn.bias': tf.tensor1d([0]), 'nn.weight': tf.eye(3, 2), 'nn.bias': tf.zeros([3]) });
    const x = tf.tensor2d([[0, 1], [Math.log(3), 2], [5, 5]]);
    // Graph 0: gates softmax([0, ln 3]) = [0.25, 0.75] → 0.25·[0, 1, 0] + 0.75·[ln 3, 2, 0]; graph 1 empty; graph 2: node 2 alone.
    close(pool.forward(x, tf.tensor1d([0, 0, 2], 'int32'), 3), [[0.75 * Math.log(3), 1.75, 0], [0, 0, 0], [5, 5, 0]]);
    expect(pool.forward(x).shape).toEqual([1, 3]);
    expect(pool.forward(tf.zeros([0, 2]) as tf.Tensor2D).shape).toEqual([0, 3]);
    expect(pool.toString()).toBe('AttentionalAggregation(gate_nn=Linear(in_features=2, out_features=1, bias=True), nn=Linear(in_features=2, out_features=3, bias=True))');
    const mlpGate = new AttentionalAggregation(new MLP([2, 4, 1]));
    expect(mlpGate.namedParameters()[0]![0]).toBe('gate_mlp.lins.0.weight');
    expect(mlpGate.toString()).toBe('AttentionalAggregation(gate_nn=MLP(2, 4, 1), nn=None)');
    expect(() => pool.forward(x, tf.tensor1d([0, 1], 'int32'))).toThrow(/^batch: /);
    expect(() => new AttentionalAggregation(new TorchLinear(2, 2), new TorchLinear(2, 3)).forward(x)).toThrow(/^gateNn: /);
  });

  it('groups the readouts: aggr.globalAddPool/MeanPool/MaxPool and AttentionalAggregation', () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const batch = tf.tensor1d([0, 0, 1], 'int32');
    close(aggr.globalAddPool(x, batch, 2), [[4, 6], [5, 6]]);
    close(aggr.globalMeanPool(x, batch, 2), [[2, 3], [5, 6]]);
    close(aggr.globalMaxPool(x, batch, 2), [[3, 4], [5, 6]]);
    expect(aggr.AttentionalAggregation).toBe(AttentionalAggregation);
  });
});

it("pyFloat spells floats as Python's repr", () => {
  expect([1e-5, 0.1, 1, 1e-4, 0.001, 1e16, 2.5e-7, 123.5, -0.5].map(pyFloat)).toEqual(['1e-05', '0.1', '1.0', '0.0001', '0.001', '1e+16', '2.5e-07', '123.5', '-0.5']);
});
