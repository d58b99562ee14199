import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError, ShapeError, edgeTypeKey, manualSeed } from '@gnnjs/core';
import { HGTConv, HeteroDictLinear, HeteroLinear, gelu } from '@gnnjs/layers';
import { WIDTHS, paymentsGraph } from './test_graph.js';

const graph = paymentsGraph(2);
const xDict = graph.xDict();
const edges: Record<string, tf.Tensor2D> = graph.edgeIndexDict();

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => graph.dispose());

const max = (t: tf.Tensor) => tf.max(tf.abs(t)).dataSync()[0]!;

describe('HGTConv', () => {
  it("softmaxes over every edge into a node across relations, and returns each relation's share", async () => {
    manualSeed(1);
    const conv = new HGTConv(-1, 8, graph.metadata(), { heads: 2 });
    const { output, attention } = conv.forward(xDict, edges, { returnAttentionWeights: true });
    expect(Object.keys(output)).toEqual(['account', 'merchant', 'device']);
    expect(output['account']!.shape).toEqual([6, 8]);
    expect(Object.keys(attention).sort()).toEqual(graph.edgeTypes.map(edgeTypeKey).sort());
    // Into accounts: rev_pays, rev_uses and follows share one softmax per account and head.
    const into = ['merchant__rev_pays__account', 'device__rev_uses__account', 'account__follows__account'];
    const sums = tf.addN(into.map((k) => tf.unsortedSegmentSum(attention[k]!.alpha, tf.unstack(attention[k]!.edgeIndex)[1] as tf.Tensor1D, 6)));
    expect(Array.from(sums.dataSync()).map((v) => Math.round(v * 1e5) / 1e5)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    // Edges in each relation's own numbering.
    expect(await attention['device__rev_uses__account']!.edgeIndex.array()).toEqual(await edges['device__rev_uses__account']!.array());
    // Account 5 has no in-edges: agg 0, so out_lin(gelu(0)) = its bias.
    const bias = conv.outLin.lin('account').bias!;
    expect(max(tf.sub(tf.slice(output['account']!, [5, 0], [1, 8]), bias))).toBeLessThan(1e-6);
    expect(conv.toString()).toBe('HGTConv(-1, 8, heads=2)');
    tf.dispose([output, attention] as unknown as tf.TensorContainer);
    conv.dispose();
  });

  it('names its parameters as PyG (skip in sorted type order), with lazy kqv_lin built at materialize', () => {
    const conv = new HGTConv(-1, 8, graph.metadata(), { heads: 2 });
    expect(conv.namedParameters().some(([k]) => k.startsWith('kqv_lin'))).toBe(false);
    conv.materialize(graph);
    const names = conv.namedParameters().map(([k, v]) => `${k}:${v.shape.join('x')}`);
    expect(names).toEqual([
      'kqv_lin.lins.account.weight:24x5', 'kqv_lin.lins.account.bias:24',
      'kqv_lin.lins.merchant.weight:24x4', 'kqv_lin.lins.merchant.bias:24',
      'kqv_lin.lins.device.weight:24x3', 'kqv_lin.lins.device.bias:24',
      'out_lin.lins.account.weight:8x8', 'out_lin.lins.account.bias:8',
      'out_lin.lins.merchant.weight:8x8', 'out_lin.lins.merchant.bias:8',
      'out_lin.lins.device.weight:8x8', 'out_lin.lins.device.bias:8',
      'k_rel.weight:10x4x4', 'v_rel.weight:10x4x4',
      'skip.account:1', 'skip.device:1', 'skip.merchant:1',
      'p_rel.account__pays__merchant:1x2', 'p_rel.account__uses__device:1x2', 'p_rel.merchant__rev_pays__account:1x2',
      'p_rel.device__rev_uses__account:1x2', 'p_rel.account__follows__account:1x2',
    ]);
    expect(Array.from(conv.skip.get('account').dataSync())).toEqual([1]);
    conv.dispose();
  });

  it('gates the skip connection of a type whose input already has the output width', () => {
    manualSeed(2);
    const conv = new HGTConv({ account: 5, merchant: 4, device: 3 }, 4, graph.metadata(), { heads: 2 });
    conv.skip.get('merchant').assign(tf.tensor1d([-30]));
    // sigmoid(-30) ≈ 0: the merchant output is its input.
    const out = conv.forward(xDict, edges);
    expect(max(tf.sub(out['merchant']!, xDict['merchant']!))).toBeLessThan(1e-6);
    conv.dispose();
  });

  it('refuses bad metadata and inputs, naming the type', () => {
    expect(() => new HGTConv(-1, 8, [['account'], [['account', 'pays', 'merchant']]], { heads: 2 })).toThrow(
      /^metadata: HGTConv: edge type 'account__pays__merchant' refers to node type 'merchant', which is not among the node types/,
    );
    expect(() => new HGTConv(-1, 9, graph.metadata(), { heads: 2 })).toThrow(/outChannels \(9\) must be divisible by heads \(2\)/);
    const conv = new HGTConv(WIDTHS, 8, graph.metadata(), { heads: 2 });
    const beyond = { ...edges, account__uses__device: tf.tensor2d([[0], [3]], undefined, 'int32') };
    expect(() => conv.forward(xDict, beyond)).toThrow(/destination index 3 is beyond the 3 nodes of destination type 'device'/);
    const { account__follows__account: _, ...missing } = edges;
    expect(() => conv.forward(xDict, missing)).toThrow(GraphValidationError);
    expect(() => conv.forward({ ...xDict, device: tf.ones([3, 2]) as tf.Tensor2D }, edges)).toThrow(ShapeError);
    conv.dispose();
  });

  it('trains without tensor growth (relation batches built once and kept)', () => {
    const conv = new HGTConv(-1, 8, graph.metadata(), { heads: 2 }).materialize(graph);
    const optimizer = tf.train.adam(0.01);
    const step = () => optimizer.minimize(() => tf.addN(Object.values(conv.forward(xDict, edges)).map((t) => tf.sum(tf.square(t)))) as tf.Scalar, false, conv.parameters());
    step();
    step();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 10; k++) step();
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    const held = tf.memory().numTensors;
    conv.dispose();
    expect(tf.memory().numTensors).toBeLessThan(held - conv.parameters().length);
  });
});

describe('HeteroDictLinear, HeteroLinear, gelu', () => {
  it('HeteroDictLinear applies one Linear per type, lazily', () => {
    const lin = new HeteroDictLinear(-1, 2, { types: ['account', 'merchant'] });
    const out = lin.forward(xDict);
    expect(Object.keys(out)).toEqual(['account', 'merchant']);
    expect(lin.toString()).toBe("HeteroDictLinear({'account': 5, 'merchant': 4}, 2, bias=True)");
    expect(max(tf.sub(out['merchant']!, lin.lin('merchant').forward(xDict['merchant']!)))).toBe(0);
    expect(() => new HeteroDictLinear(-1, 2)).toThrow(/'types'/);
    lin.dispose();
  });

  it('HeteroLinear applies x @ W[type] (not transposed)', () => {
    const rel = new HeteroLinear(3, 2, 4, { bias: false });
    const x = tf.randomNormal([5, 3]) as tf.Tensor2D;
    const expected = tf.matMul(x, tf.squeeze(tf.slice(rel.weight, [2, 0, 0], [1, 3, 2]), [0]));
    expect(max(tf.sub(rel.forwardType(x, 2), expected))).toBeLessThan(1e-6);
    expect(() => rel.forwardType(x, 4)).toThrow(/HeteroLinear has 4 types, got 4/);
    // Two types as one block-diagonal map: [x_a | x_b] @ blockDiag(W_3, W_1) = [x_a @ W_3 | x_b @ W_1].
    const xb = tf.randomNormal([5, 3]) as tf.Tensor2D;
    const both = tf.matMul(tf.concat([x, xb], 1), rel.blockDiagonal([3, 1]));
    expect(max(tf.sub(both, tf.concat([rel.forwardType(x, 3), rel.forwardType(xb, 1)], 1)))).toBeLessThan(1e-6);
    rel.dispose();
  });

  it("gelu is PyTorch's exact (erf) GELU", () => {
    // torch.nn.functional.gelu(torch.tensor([-2., -0.5, 0., 1., 3.], dtype=torch.float64)), = 0.5 x (1 + erf(x / sqrt 2))
    const expected = [-0.04550026389635842, -0.15426876936299344, 0, 0.8413447460685429, 2.99595030590511];
    const got = Array.from(gelu(tf.tensor1d([-2, -0.5, 0, 1, 3])).dataSync());
    got.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 6));
  });
});
