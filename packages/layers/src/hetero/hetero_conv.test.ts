import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError, ShapeError, manualSeed } from '@gnnjs/core';
import { GATConv, GCNConv, HeteroConv, Linear, SAGEConv, TransformerConv, heteroNodeAttention, materializeFromStateDict } from '@gnnjs/layers';
import { WIDTHS, paymentsGraph } from './test_graph.js';

const graph = paymentsGraph();
const xDict = graph.xDict();
const edges: Record<string, tf.Tensor2D> = graph.edgeIndexDict();

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => graph.dispose());

const max = (t: tf.Tensor) => tf.max(tf.abs(t)).dataSync()[0]!;

/** One SAGEConv per relation (a GCNConv for account→account), all built now. */
function sageConvs() {
  manualSeed(3);
  return {
    account__pays__merchant: new SAGEConv([5, 4], 6),
    account__uses__device: new SAGEConv([5, 3], 6),
    merchant__rev_pays__account: new SAGEConv([4, 5], 6),
    device__rev_uses__account: new SAGEConv([3, 5], 6),
    account__follows__account: new GCNConv(5, 6),
  };
}

describe('HeteroConv', () => {
  it.each(['sum', 'mean', 'max', 'min', 'cat'] as const)('combines the relations into a type with %s, as PyG groups them', (aggr) => {
    const convs = sageConvs();
    const conv = new HeteroConv(convs, { aggr });
    const out = conv.forward(xDict, edges);
    expect(Object.keys(out)).toEqual(['merchant', 'device', 'account']);
    // Each relation by hand: (x_src, x_dst), or x alone when both ends are one type.
    const intoAccount = [
      convs.merchant__rev_pays__account.forward([xDict['merchant']!, xDict['account']!], edges['merchant__rev_pays__account']!),
      convs.device__rev_uses__account.forward([xDict['device']!, xDict['account']!], edges['device__rev_uses__account']!),
      convs.account__follows__account.forward(xDict['account']!, edges['account__follows__account']!),
    ];
    const expected = {
      sum: () => tf.addN(intoAccount),
      mean: () => tf.div(tf.addN(intoAccount), 3),
      max: () => tf.max(tf.stack(intoAccount), 0),
      min: () => tf.min(tf.stack(intoAccount), 0),
      cat: () => tf.concat(intoAccount, -1),
    }[aggr]();
    expect(out['account']!.shape).toEqual(expected.shape);
    expect(max(tf.sub(out['account']!, expected))).toBeLessThan(1e-6);
    const merchant = convs.account__pays__merchant.forward([xDict['account']!, xDict['merchant']!], edges['account__pays__merchant']!);
    expect(max(tf.sub(out['merchant']!, merchant))).toBe(0);
    expect(conv.toString()).toBe('HeteroConv(num_relations=5)');
    expect(conv.namedParameters()[0]![0]).toBe('convs.<account___pays___merchant>.lin_l.weight');
    conv.dispose();
  });

  it('builds lazy layers at the first forward, with PyG names, and checks widths against them afterwards', () => {
    const conv = new HeteroConv({
      account__pays__merchant: new GATConv([-1, -1], 3, { heads: 2, addSelfLoops: false }),
      merchant__rev_pays__account: new SAGEConv([-1, -1], 6),
    });
    expect(conv.namedParameters().map(([k]) => k)).toEqual([
      'convs.<account___pays___merchant>.att_src',
      'convs.<account___pays___merchant>.att_dst',
      'convs.<account___pays___merchant>.bias',
    ]);
    const sub = { account__pays__merchant: edges['account__pays__merchant']!, merchant__rev_pays__account: edges['merchant__rev_pays__account']! };
    conv.forward(xDict, sub);
    const shapes = Object.fromEntries(conv.namedParameters().map(([k, v]) => [k, v.shape]));
    expect(shapes['convs.<account___pays___merchant>.lin_src.weight']).toEqual([6, 5]);
    expect(shapes['convs.<account___pays___merchant>.lin_dst.weight']).toEqual([6, 4]);
    expect(shapes['convs.<merchant___rev_pays___account>.lin_l.weight']).toEqual([6, 4]);
    expect(shapes['convs.<merchant___rev_pays___account>.lin_r.weight']).toEqual([6, 5]);
    const wider = { ...xDict, merchant: tf.ones([4, 7]) as tf.Tensor2D };
    expect(() => conv.forward(wider, sub)).toThrow(ShapeError);
    expect(() => conv.forward(wider, sub)).toThrow(/^xDict\['merchant'\]: HeteroConv was built for 4 input channels of node type 'merchant'/);
    conv.dispose();
  });

  it('materialize(widths) builds lazy layers without data, as a first forward would', () => {
    const make = () =>
      new HeteroConv({ account__pays__merchant: new GATConv([-1, -1], 3, { heads: 2, addSelfLoops: false }), merchant__rev_pays__account: new SAGEConv([-1, -1], 6) });
    const viaWidths = make().materialize(WIDTHS);
    const viaGraph = make().materialize(graph);
    const names = (c: HeteroConv) => c.namedParameters().map(([k, v]) => `${k}:${v.shape.join('x')}`);
    expect(names(viaWidths)).toEqual(names(viaGraph));
    expect(names(viaWidths)).toContain('convs.<account___pays___merchant>.lin_src.weight:6x5');
    // PyG's initialisation: glorot for GAT's lin_src ([6, 5]: bound sqrt(6/11)), kaiming for SAGE's lin_l ([6, 4]: bound 1/2).
    const state = viaWidths.stateDict();
    expect(max(state['convs.<account___pays___merchant>.lin_src.weight']!)).toBeLessThanOrEqual(Math.sqrt(6 / 11));
    expect(max(state['convs.<merchant___rev_pays___account>.lin_l.weight']!)).toBeLessThanOrEqual(0.5);
    expect(max(state['convs.<merchant___rev_pays___account>.lin_l.weight']!)).toBeGreaterThan(0);
    expect(() => make().materialize({ account: 5 })).toThrow(/widths\['merchant'\]: HeteroConv needs the input width of node type 'merchant'/);
    viaWidths.dispose();
    viaGraph.dispose();
  });

  it('loads a state dict before its first forward: materializeFromStateDict reads the lazy widths from the weights', () => {
    manualSeed(5);
    const trained = new HeteroConv({ account__pays__merchant: new GATConv([-1, -1], 3, { heads: 2, addSelfLoops: false }) }).materialize(WIDTHS);
    const weights = trained.stateDict();
    const fresh = new HeteroConv({ account__pays__merchant: new GATConv([-1, -1], 3, { heads: 2, addSelfLoops: false }) });
    expect(() => fresh.loadStateDict(weights)).toThrow(/unexpected keys/);
    expect(materializeFromStateDict(fresh, weights)).toEqual([]);
    fresh.loadStateDict(weights);
    const sub = { account__pays__merchant: edges['account__pays__merchant']! };
    expect(max(tf.sub(fresh.forward(xDict, sub)['merchant']!, trained.forward(xDict, sub)['merchant']!))).toBe(0);
    expect(materializeFromStateDict(new Linear(-1, 2), {})).toEqual(['weight']);
    trained.dispose();
    fresh.dispose();
  });

  it('returns the attention of each attention relation on its own edges, self-loops of a one-type relation included', async () => {
    manualSeed(7);
    const conv = new HeteroConv({
      account__pays__merchant: new GATConv([-1, -1], 3, { heads: 2, addSelfLoops: false }),
      merchant__rev_pays__account: new GATConv([-1, -1], 3, { heads: 2, addSelfLoops: false }),
      device__rev_uses__account: new SAGEConv([-1, -1], 6),
      account__follows__account: new GATConv(5, 3, { heads: 2 }),
      account__uses__device: new TransformerConv([-1, -1], 3, { heads: 2 }),
    });
    const sub = Object.fromEntries(
      ['account__pays__merchant', 'merchant__rev_pays__account', 'device__rev_uses__account', 'account__follows__account', 'account__uses__device'].map((k) => [k, edges[k]!]),
    );
    const { output, attention } = conv.forward(xDict, sub, { returnAttentionWeights: true });
    expect(Object.keys(attention)).toEqual(['account__pays__merchant', 'merchant__rev_pays__account', 'account__follows__account', 'account__uses__device']);
    expect(attention['account__uses__device']!.alpha.shape).toEqual([5, 2]);
    expect(attention['account__pays__merchant']!.alpha.shape).toEqual([8, 2]);
    expect(await attention['account__pays__merchant']!.edgeIndex.array()).toEqual(await edges['account__pays__merchant']!.array());
    // account→account: 4 edges, then one self-loop per account (6).
    const follows = attention['account__follows__account']!;
    expect(follows.edgeIndex.shape).toEqual([2, 10]);
    expect((await follows.edgeIndex.array())[0]!.slice(4)).toEqual([0, 1, 2, 3, 4, 5]);
    // Softmax per relation: each destination's coefficients sum to 1 per head.
    const sums = tf.unsortedSegmentSum(attention['merchant__rev_pays__account']!.alpha, tf.unstack(attention['merchant__rev_pays__account']!.edgeIndex)[1] as tf.Tensor1D, 6);
    expect(Array.from(sums.dataSync()).map((v) => Math.round(v * 1e5) / 1e5)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(Object.keys(output)).toEqual(['merchant', 'account', 'device']);

    const why = await heteroNodeAttention(attention, 'account', 0, { topK: 2 });
    expect(Object.keys(why)).toEqual(['merchant__rev_pays__account', 'account__follows__account']);
    expect(why['merchant__rev_pays__account']!.map((r) => r.source).sort()).toEqual([0, 2]);
    expect(why['merchant__rev_pays__account']![0]).toMatchObject({ relation: 'merchant__rev_pays__account', sourceType: 'merchant' });
    expect(why['account__follows__account']).toHaveLength(2);
    await expect(heteroNodeAttention(attention, 'card', 0)).rejects.toThrow(/no relation of the attention points at node type 'card'/);
    tf.dispose([output, attention] as unknown as tf.TensorContainer);
    conv.dispose();
  });

  it("passes each relation its edge features (PyG's edge_attr_dict), and refuses them for a layer without edgeDim", () => {
    manualSeed(2);
    const pays = new GATConv([-1, -1], 3, { heads: 2, addSelfLoops: false, edgeDim: 2 });
    const conv = new HeteroConv({ account__pays__merchant: pays, merchant__rev_pays__account: new SAGEConv([-1, -1], 6) });
    const sub = { account__pays__merchant: edges['account__pays__merchant']!, merchant__rev_pays__account: edges['merchant__rev_pays__account']! };
    const edgeAttr = tf.randomNormal([8, 2]);
    const out = conv.forward(xDict, sub, { edgeAttrDict: { account__pays__merchant: edgeAttr } });
    const alone = pays.forward([xDict['account']!, xDict['merchant']!], sub.account__pays__merchant, { edgeAttr });
    expect(max(tf.sub(out['merchant']!, alone))).toBe(0);
    expect(() => conv.forward(xDict, sub)).toThrow(/^edgeAttrDict\['account__pays__merchant'\]: relation 'account__pays__merchant' \(GATConv\): GATConv was built with edgeDim=2/);
    expect(() => conv.forward(xDict, sub, { edgeAttrDict: { account__pays__merchant: edgeAttr, merchant__rev_pays__account: edgeAttr } })).toThrow(
      /^edgeAttrDict\['merchant__rev_pays__account'\]: SAGEConv on edge type 'merchant__rev_pays__account' takes no edge features/,
    );
    conv.dispose();
  });

  it('trains without tensor growth: forward, backward and update over 20 steps', () => {
    const conv = new HeteroConv({
      account__pays__merchant: new GATConv([-1, -1], 3, { heads: 2, addSelfLoops: false }),
      merchant__rev_pays__account: new GATConv([-1, -1], 6, { addSelfLoops: false }),
      account__follows__account: new GATConv(5, 6),
    }).materialize(WIDTHS);
    const sub = Object.fromEntries(['account__pays__merchant', 'merchant__rev_pays__account', 'account__follows__account'].map((k) => [k, edges[k]!]));
    const optimizer = tf.train.sgd(0.01);
    const step = () => optimizer.minimize(() => tf.addN(Object.values(conv.forward(xDict, sub)).map((t) => tf.sum(tf.square(t)))) as tf.Scalar, false, conv.parameters());
    step();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 20; k++) step();
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    conv.dispose();
  });
});

describe('HeteroConv refuses bad input, naming the type', () => {
  const convs = () => ({ account__pays__merchant: new SAGEConv([5, 4], 3), merchant__rev_pays__account: new SAGEConv([4, 5], 3) });
  const sub = { account__pays__merchant: edges['account__pays__merchant']!, merchant__rev_pays__account: edges['merchant__rev_pays__account']! };

  it('an edge type whose node types have no features', () => {
    const conv = new HeteroConv(convs());
    const { merchant: _, ...noMerchant } = xDict;
    expect(() => conv.forward(noMerchant, sub)).toThrow(GraphValidationError);
    expect(() => conv.forward(noMerchant, sub)).toThrow(/^xDict\['merchant'\]: node type 'merchant', the destination of edge type 'account__pays__merchant', has no features/);
  });

  it('indices beyond the destination (or source) type', () => {
    const conv = new HeteroConv(convs());
    const beyond = tf.tensor2d([[0, 1], [0, 4]], undefined, 'int32');
    expect(() => conv.forward(xDict, { ...sub, account__pays__merchant: beyond })).toThrow(
      /^edgeIndexDict\['account__pays__merchant'\]\[1\]: destination index 4 is beyond the 4 nodes of destination type 'merchant'/,
    );
    const source = tf.tensor2d([[9], [0]], undefined, 'int32');
    expect(() => conv.forward(xDict, { ...sub, account__pays__merchant: source })).toThrow(/source index 9 is beyond the 6 nodes of source type 'account'/);
    const negative = tf.tensor2d([[0], [-1]], undefined, 'int32');
    expect(() => conv.forward(xDict, { ...sub, account__pays__merchant: negative })).toThrow(GraphValidationError);
  });

  it('a relation missing from the conv dict, or one the input lacks', () => {
    const conv = new HeteroConv(convs());
    expect(() => conv.forward(xDict, { ...sub, account__uses__device: edges['account__uses__device']! })).toThrow(
      /^edgeIndexDict\['account__uses__device'\]: HeteroConv has no layer for edge type 'account__uses__device'/,
    );
    expect(() => conv.forward(xDict, { account__pays__merchant: sub.account__pays__merchant })).toThrow(
      /^edgeIndexDict\['merchant__rev_pays__account'\]: HeteroConv was built for edge type 'merchant__rev_pays__account', which the input lacks/,
    );
  });

  it('feature widths that differ from the built layer', () => {
    const conv = new HeteroConv(convs());
    const wide = { ...xDict, merchant: tf.ones([4, 9]) as tf.Tensor2D };
    expect(() => conv.forward(wide, sub)).toThrow(ShapeError);
    expect(() => conv.forward(wide, sub)).toThrow(/^xDict\['merchant'\]: relation 'account__pays__merchant' \(SAGEConv\): SAGEConv was built for 4 input channels/);
  });

  it('bad conv dicts: keys that are not edge types, self-loops across two node types, unknown aggr', () => {
    expect(() => new HeteroConv({ 'account-merchant': new SAGEConv(5, 3) })).toThrow(/^convs: key 'account-merchant' is not an edge type/);
    expect(() => new HeteroConv({ account__pays__merchant: new GATConv([5, 4], 3) })).toThrow(
      /^convs\['account__pays__merchant'\]: GATConv adds self-loops, which is wrong on edge type 'account__pays__merchant' between two node types/,
    );
    expect(() => new HeteroConv(convs(), { aggr: 'mul' as never })).toThrow(/^aggr: HeteroConv supports 'sum', 'mean', 'max', 'min', 'cat', got 'mul'/);
    expect(() => new HeteroConv({})).toThrow(GraphValidationError);
  });
});
