import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError, manualSeed, type EdgeType } from '@gnnjs/core';
import { GATConv, GCNConv, GraphSequential, Linear, SAGEConv, elu, relu, toHetero } from '@gnnjs/layers';
import { WIDTHS, paymentsGraph } from './test_graph.js';

const graph = paymentsGraph(3);
const xDict = graph.xDict();
const edges: Record<string, tf.Tensor2D> = graph.edgeIndexDict();

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => graph.dispose());

const max = (t: tf.Tensor) => tf.max(tf.abs(t)).dataSync()[0]!;

const gat = () =>
  new GraphSequential([
    ['conv1', () => new GATConv([-1, -1], 4, { heads: 2, addSelfLoops: false })],
    elu,
    ['conv2', () => new GATConv([-1, -1], 3, { addSelfLoops: false })],
  ]);

describe('GraphSequential', () => {
  it('runs its steps on a homogeneous graph, names parameters by step, and returns attention by step', () => {
    manualSeed(1);
    const model = new GraphSequential([['lin', () => new Linear(5, 8)], relu, ['conv', () => new GCNConv(8, 2)]]);
    const x = xDict['account']!;
    const edgeIndex = edges['account__follows__account']!;
    const lin = model.namedChildren()[0]![1] as Linear;
    const conv = model.namedChildren()[1]![1] as GCNConv;
    expect(max(tf.sub(model.forward(x, edgeIndex), conv.forward(tf.relu(lin.forward(x)), edgeIndex)))).toBe(0);
    expect(model.namedParameters().map(([k]) => k)).toEqual(['lin.weight', 'lin.bias', 'conv.bias', 'conv.lin.weight']);
    const attention = gat().forward(x, edgeIndex, { returnAttentionWeights: true }).attention;
    expect(Object.keys(attention)).toEqual(['conv1', 'conv2']);
    expect(() => new GraphSequential([['x', () => 3 as never]])).toThrow(/the step factory must return a GNN\.js module/);
    expect(() => new GraphSequential([['x'] as never])).toThrow(/^steps\[0\]: expected \[name, \(\) => module\]/);
  });
});

describe('toHetero', () => {
  it("copies each message-passing step per edge type and each module per node type, with PyG's names and repr", () => {
    const model = new GraphSequential([
      ['lin', () => new Linear(-1, 6)],
      relu,
      ['conv1', () => new SAGEConv([-1, -1], 4)],
    ]);
    const hetero = toHetero(model, graph.metadata(), { aggr: 'mean' }).materialize(graph);
    const names = hetero.namedParameters().map(([k]) => k);
    expect(names.slice(0, 2)).toEqual(['lin.account.weight', 'lin.account.bias']);
    expect(names).toContain('conv1.account__follows__account.lin_r.weight');
    expect(names).toContain('conv1.merchant__rev_pays__account.lin_l.bias');
    expect(hetero.toString().split('\n').slice(0, 6)).toEqual([
      'GraphModule(',
      '  (lin): ModuleDict(',
      '    (account): Linear(5, 6, bias=True)',
      '    (merchant): Linear(4, 6, bias=True)',
      '    (device): Linear(3, 6, bias=True)',
      '  )',
    ]);
    // By hand: Linear per type, ReLU, one SAGEConv per relation, mean per destination type.
    const lin = (t: string) => hetero.namedChildren()[0]![1].namedChildren().find(([k]) => k === t)![1] as Linear;
    const conv = (k: string) => hetero.namedChildren()[1]![1].namedChildren().find(([key]) => key === k)![1] as SAGEConv;
    const h = Object.fromEntries(['account', 'merchant', 'device'].map((t) => [t, tf.relu(lin(t).forward(xDict[t]!))]));
    const intoAccount = [
      conv('merchant__rev_pays__account').forward([h['merchant']!, h['account']!], edges['merchant__rev_pays__account']!),
      conv('device__rev_uses__account').forward([h['device']!, h['account']!], edges['device__rev_uses__account']!),
      conv('account__follows__account').forward(h['account']!, edges['account__follows__account']!),
    ];
    const out = hetero.forward(xDict, edges);
    expect(max(tf.sub(out['account']!, tf.div(tf.addN(intoAccount), 3)))).toBeLessThan(1e-6);
    hetero.dispose();
    model.dispose();
  });

  it('gives attention by step and relation, and PyG weights map across by name', () => {
    manualSeed(4);
    const a = toHetero(gat(), graph.metadata()).materialize(WIDTHS);
    const b = toHetero(gat(), graph.metadata());
    b.loadStateDict(Object.fromEntries(Object.entries(a.stateDict())), { strict: false });
    const { attention, output } = a.forward(xDict, edges, { returnAttentionWeights: true });
    expect(Object.keys(attention)).toEqual(['conv1', 'conv2']);
    expect(attention['conv2']!['account__pays__merchant']!.alpha.shape).toEqual([8, 1]);
    // b is lazy: its first forward builds it; load again, now that every key exists.
    b.forward(xDict, edges);
    b.loadStateDict(a.stateDict());
    expect(max(tf.sub(b.forward(xDict, edges)['account']!, output['account']!))).toBe(0);
    a.dispose();
    b.dispose();
  });

  it('refuses what PyG refuses: a bipartite copy that adds self-loops, a node type that no relation updates', () => {
    const loops = new GraphSequential([['conv', () => new GATConv([-1, -1], 4)]]);
    expect(() => toHetero(loops, graph.metadata())).toThrow(/^conv\.account__pays__merchant: GATConv adds self-loops/);
    const metadata: [string[], EdgeType[]] = [['account', 'merchant'], [['account', 'pays', 'merchant']]];
    const twoLayers = toHetero(
      new GraphSequential([['conv1', () => new SAGEConv([-1, -1], 4)], ['conv2', () => new SAGEConv([-1, -1], 4)]]),
      metadata,
    );
    const sub = { account__pays__merchant: edges['account__pays__merchant']! };
    expect(() => twoLayers.forward(xDict, sub)).toThrow(GraphValidationError);
    expect(() => twoLayers.forward(xDict, sub)).toThrow(/step 'conv2' needs node type 'account'.*receives no messages/);
    expect(() => toHetero(gat(), [['account'], [['account', 'pays', 'merchant']]])).toThrow(/refers to node type 'merchant'/);
    expect(() => toHetero(gat(), graph.metadata(), { aggr: 'cat' as never })).toThrow(/^aggr: toHetero supports/);
  });

  it('trains without tensor growth', () => {
    const model = toHetero(gat(), graph.metadata()).materialize(graph);
    const optimizer = tf.train.adam(0.01);
    const step = () => optimizer.minimize(() => tf.sum(tf.square(model.forward(xDict, edges)['account']!)) as tf.Scalar, false, model.parameters());
    step();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 10; k++) step();
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    model.dispose();
  });
});
