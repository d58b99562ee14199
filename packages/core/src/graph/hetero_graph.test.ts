import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError } from '../errors.js';
import { failingField, fixtureGraph, heteroFixture } from '../test_support/hetero_fixture.js';
import { HeteroGraph } from './hetero_graph.js';
import type { HeteroGraphInit } from './hetero_stores.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const PAYS = ['account', 'pays', 'merchant'] as const;

/** A small valid graph: 3 accounts, 2 merchants, payments and account-to-account transfers. */
function payments(): HeteroGraph<'account' | 'merchant'> {
  return new HeteroGraph({
    nodes: {
      account: { x: tf.tensor2d([[1, 0], [0, 1], [1, 1]]), y: tf.tensor1d([0, 1, 0], 'int32') },
      merchant: { numNodes: 2 },
    },
    edges: [
      { type: PAYS, edgeIndex: [[0, 1, 2], [1, 1, 0]], edgeWeight: tf.tensor1d([1, 2, 3]) },
      { type: 'account__sends__account', edgeIndex: [[0, 2], [1, 1]] },
    ],
  });
}

describe('HeteroGraph', () => {
  it('holds per-type stores with typed access, metadata in insertion order', () => {
    const g = payments();
    expect(g.metadata()).toEqual([['account', 'merchant'], [PAYS, ['account', 'sends', 'account']]]);
    expect(g.node('account').x!.shape).toEqual([3, 2]);
    expect(g.node('account').numFeatures).toBe(2);
    expect(g.node('merchant').numNodes).toBe(2);
    expect(g.node('merchant').x).toBeUndefined();
    const pays = g.edge(PAYS);
    expect(pays.edgeIndex.arraySync()).toEqual([[0, 1, 2], [1, 1, 0]]);
    expect(pays.edgeIndex.dtype).toBe('int32');
    expect(g.edge('account__pays__merchant')).toBe(pays);
    expect(pays.key).toBe('account__pays__merchant');
    expect(pays.size).toEqual([3, 2]);
    expect(pays.isBipartite).toBe(true);
    expect(g.edge(['account', 'sends', 'account']).isBipartite).toBe(false);
    expect([g.numNodes, g.numEdges]).toEqual([5, 5]);
    expect(g.numNodesDict()).toEqual({ account: 3, merchant: 2 });
    expect(Object.keys(g.xDict())).toEqual(['account']);
    expect(Object.keys(g.edgeIndexDict())).toEqual(['account__pays__merchant', 'account__sends__account']);
    expect(g.edgeIndexDict()['account__pays__merchant']).toBe(pays.edgeIndex);
    expect(Object.keys(g.yDict())).toEqual(['account']);
    expect(g.hasNode('merchant')).toBe(true);
    expect(g.hasEdge(['merchant', 'pays', 'account'])).toBe(false);
    expect(Object.isFrozen(g)).toBe(true);
    expect(Object.isFrozen(pays)).toBe(true);
    expect(g.toString()).toBe(
      [
        'HeteroGraph(',
        '  account={ x=[3, 2], y=[3], numNodes=3 },',
        '  merchant={ numNodes=2 },',
        '  (account, pays, merchant)={ edgeIndex=[2, 3], edgeWeight=[3] },',
        '  (account, sends, account)={ edgeIndex=[2, 2] }',
        ')',
      ].join('\n'),
    );
    g.dispose();
  });

  it('keeps literal type names in its type', () => {
    const g = payments();
    // @ts-expect-error 'acount' is not a node type of this graph
    expect(() => g.node('acount')).toThrow(/'acount'\]: is not a node type of this graph \(node types: 'account', 'merchant'\)/);
    // @ts-expect-error 'shop' is not a node type of this graph
    expect(() => g.edge(['account', 'pays', 'shop'])).toThrow(GraphValidationError);
    expect(failingField(() => g.edge('merchant__pays__account'))).toBe("edge 'merchant__pays__account'");
    const typo = (): unknown =>
      new HeteroGraph({
        nodes: { account: { numNodes: 1 } },
        // @ts-expect-error 'acount' is not one of the graph's node types
        edges: [{ type: ['acount', 'sends', 'account'], edgeIndex: [[0], [0]] }],
      });
    expect(failingField(typo)).toBe("edge ['acount','sends','account']");
    g.dispose();
  });

  it('reads the PyG fixture graph: x_dict, edge_index_dict and metadata in fixture order', () => {
    const g = fixtureGraph();
    const [nodeTypes, edgeTypes] = g.metadata();
    expect(nodeTypes).toEqual(heteroFixture.metadata.node_types);
    expect(edgeTypes).toEqual(heteroFixture.metadata.edge_types);
    expect(Object.keys(g.edgeIndexDict())).toEqual(Object.keys(heteroFixture.edge_index_dict));
    for (const [key, t] of Object.entries(g.edgeIndexDict())) expect(t.arraySync()).toEqual(heteroFixture.edge_index_dict[key]!.data);
    for (const [type, x] of Object.entries(g.xDict())) expect(x!.shape).toEqual(heteroFixture.x_dict[type]!.shape);
    const fromDicts = HeteroGraph.fromDicts({
      numNodes: heteroFixture.num_nodes_dict,
      x: Object.fromEntries(Object.entries(heteroFixture.x_dict).map(([t, v]) => [t, tf.tensor2d(v.data as number[][])])),
      edgeIndex: Object.fromEntries(Object.entries(heteroFixture.edge_index_dict).map(([k, v]) => [k, v.data as number[][]])),
    });
    expect(fromDicts.metadata()).toEqual(g.metadata());
    expect(fromDicts.numNodesDict()).toEqual(heteroFixture.num_nodes_dict);
    g.dispose();
    fromDicts.dispose();
  });

  it('infers the node count of a type without fields from the right row of its edges', () => {
    const g = new HeteroGraph({
      nodes: { a: {}, b: {} },
      edges: [
        { type: ['a', 'r', 'b'], edgeIndex: [[1, 0], [7, 2]] }, // a: up to 1 as a source, b: up to 7 as a destination
        { type: ['b', 's', 'a'], edgeIndex: [[3], [4]] }, // a: up to 4 as a destination
      ],
    });
    expect(g.numNodesDict()).toEqual({ a: 5, b: 8 });
    g.dispose();
  });

  it('names the node or edge type of every invalid input', () => {
    const x = (rows: number, cols = 2): tf.Tensor2D => tf.ones([rows, cols]) as tf.Tensor2D;
    const base = (edges: HeteroGraphInit<'account' | 'merchant'>['edges']): HeteroGraphInit<'account' | 'merchant'> => ({
      nodes: { account: { x: x(3) }, merchant: { numNodes: 2 } },
      edges,
    });
    const pays = "edge ['account','pays','merchant']";
    const cases: [string, () => HeteroGraphInit<string>][] = [
      ["edge ['account','pays','shop']", () => base([{ type: ['account', 'pays', 'shop'] as never, edgeIndex: [[0], [0]] }])], // unknown type
      ["edge ['shop','pays','merchant']", () => base([{ type: 'shop__pays__merchant' as never, edgeIndex: [[0], [0]] }])],
      [`${pays}.edgeIndex[1]`, () => base([{ type: PAYS, edgeIndex: [[0, 1], [1, 2]] }])], // merchant 2 of 2
      [`${pays}.edgeIndex[0]`, () => base([{ type: PAYS, edgeIndex: [[3, 1], [1, 0]] }])], // account 3 of 3
      [`${pays}.edgeIndex`, () => base([{ type: PAYS, edgeIndex: [[0, 0.5], [1, 0]] }])], // fraction
      [`${pays}.edgeIndex`, () => base([{ type: PAYS, edgeIndex: [[0, -1], [1, 0]] }])], // negative
      [`${pays}.edgeIndex`, () => base([{ type: PAYS, edgeIndex: [[0, 1], [1]] }])], // rows differ in length
      [`${pays}.edgeIndex`, () => base([{ type: PAYS, edgeIndex: tf.tensor2d([[0, 1, 2]], undefined, 'int32') }])], // [1, E]
      [`${pays}.edgeAttr`, () => base([{ type: PAYS, edgeIndex: [[0, 1], [1, 0]], edgeAttr: tf.ones([3, 2]) }])],
      [`${pays}.edgeWeight`, () => base([{ type: PAYS, edgeIndex: [[0, 1], [1, 0]], edgeWeight: tf.tensor1d([1, NaN]) }])],
      [`${pays}.edgeTime`, () => base([{ type: PAYS, edgeIndex: [[0, 1], [1, 0]], edgeTime: tf.tensor1d([1, 0], 'bool') }])],
      [`${pays}.edgeTime`, () => base([{ type: PAYS, edgeIndex: [[0, 1], [1, 0]], edgeTime: tf.tensor1d([1, 2, 3], 'int32') }])],
      [pays, () => base([{ type: PAYS, edgeIndex: [[0], [1]] }, { type: 'account__pays__merchant', edgeIndex: [[1], [1]] }])], // twice
      ['edges[0].type', () => base([{ type: 'account__merchant' as never, edgeIndex: [[0], [0]] }])],
      ['edges[0].type', () => base([{ type: ['account', 'pays'] as never, edgeIndex: [[0], [0]] }])],
      ['edges[0].type', () => base([{ type: ['account', 'p__ays', 'merchant'], edgeIndex: [[0], [0]] }])],
      ["node ['account'].x", () => ({ nodes: { account: { x: tf.tensor2d([[1, NaN]]) } } })],
      ["node ['account'].x", () => ({ nodes: { account: { x: tf.ones([3]) as unknown as tf.Tensor2D } } })],
      ["node ['account'].x", () => ({ nodes: { account: { x: x(3), numNodes: 2 } } })],
      ["node ['account'].y", () => ({ nodes: { account: { x: x(3), y: tf.tensor1d([0, 1], 'int32') } } })],
      ["node ['account'].trainMask", () => ({ nodes: { account: { x: x(2), trainMask: tf.tensor1d([1, 0], 'int32') } } })],
      ["node ['account'].valMask", () => ({ nodes: { account: { x: x(2), valMask: [true, false] as unknown as tf.Tensor1D } } })],
      ["node ['account'].time", () => ({ nodes: { account: { numNodes: 2, time: tf.tensor2d([[1], [2]]) as unknown as tf.Tensor1D } } })],
      ["node ['account'].time", () => ({ nodes: { account: { numNodes: 2, time: tf.tensor1d([1, Infinity]) } } })],
      ["node ['account'].numNodes", () => ({ nodes: { account: { numNodes: -1 } } })],
      ["node ['account'].numClasses", () => ({ nodes: { account: { numNodes: 1, numClasses: 0 } } })],
      ["node ['acc__ount']", () => ({ nodes: { acc__ount: { numNodes: 1 } } })],
      ['y', () => ({ nodes: { account: { numNodes: 1 } }, y: tf.ones([2, 3]) })],
      ['nodes', () => ({ nodes: null as never })],
    ];
    for (const [field, init] of cases) {
      expect([field, failingField(() => new HeteroGraph(init()))]).toEqual([field, field]);
    }
    const error = (() => {
      try {
        new HeteroGraph(base([{ type: PAYS, edgeIndex: [[0, 1], [1, 5]] }]));
      } catch (e) {
        return e as GraphValidationError;
      }
    })();
    expect(error!.message).toBe(`${pays}.edgeIndex[1]: refers to node 5 of the destination type 'merchant', which has 2 nodes`);
  });

  it('casts an integral float edge index and frees only the tensors it made when validation fails', () => {
    const float = tf.tensor2d([[0, 1], [1, 0]]);
    const g = new HeteroGraph({ nodes: { a: { numNodes: 2 } }, edges: [{ type: ['a', 'r', 'a'], edgeIndex: float }] });
    expect(g.edge(['a', 'r', 'a']).edgeIndex.dtype).toBe('int32');
    expect(float.isDisposed).toBe(true);
    g.dispose();
    const floatAgain = tf.tensor2d([[0, 1], [1, 0]]);
    const weight = tf.ones([5]) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    expect(() => new HeteroGraph({ nodes: { a: { numNodes: 2 } }, edges: [{ type: ['a', 'r', 'a'], edgeIndex: floatAgain, edgeWeight: weight }] })).toThrow(
      GraphValidationError,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(floatAgain.isDisposed).toBe(false); // the caller may fix the call and retry
    tf.dispose([floatAgain, weight]);
  });

  it('skips value checks with validate: false', () => {
    const g = new HeteroGraph({ nodes: { a: { x: tf.tensor2d([[NaN], [1]]) } }, edges: [] }, { validate: false });
    expect(g.numNodes).toBe(2);
    g.dispose();
  });

  it('builds a CSR per edge type, rows = destination nodes, cached', () => {
    const g = payments();
    const csr = g.toCSR(PAYS);
    // into merchant 0: edge 2 (account 2); into merchant 1: edges 0, 1 (accounts 0, 1)
    expect(Array.from(csr.indptr)).toEqual([0, 1, 3]);
    expect(Array.from(csr.indices)).toEqual([2, 0, 1]);
    expect(Array.from(csr.edgePerm)).toEqual([2, 0, 1]);
    expect(g.toCSR('account__pays__merchant')).toBe(csr);
    expect(g.toCSR(['account', 'sends', 'account']).indptr.length).toBe(4);
    g.dispose();
  });

  it('owns its tensors: dispose frees them all', () => {
    const before = tf.memory().numTensors;
    const g = payments();
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    expect(g.isDisposed).toBe(false);
    g.dispose();
    expect(g.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => g.toHomogeneous()).toThrow(/toHomogeneous\(\) on a disposed HeteroGraph/);
    expect(failingField(() => g.with({}))).toBe('graph');
  });
});

describe('HeteroGraph.with', () => {
  it('replaces, drops and adds fields; both graphs dispose independently', () => {
    const before = tf.memory().numTensors;
    const g = payments();
    const h = g.with({
      nodes: { account: { x: tf.zeros([3, 4]) as tf.Tensor2D, y: undefined } },
      edges: [{ type: ['merchant', 'rev_pays', 'account'], edgeIndex: [[1, 1, 0], [0, 1, 2]] }],
      y: tf.scalar(1),
    });
    expect(h.node('account').x!.shape).toEqual([3, 4]);
    expect(h.node('account').y).toBeUndefined();
    expect(h.edge(PAYS).edgeWeight!.arraySync()).toEqual([1, 2, 3]);
    expect(h.edgeTypes.map((t) => t.join('__'))).toEqual(['account__pays__merchant', 'account__sends__account', 'merchant__rev_pays__account']);
    expect(h.y!.arraySync()).toBe(1);
    g.dispose();
    expect(h.edge(PAYS).edgeIndex.arraySync()).toEqual([[0, 1, 2], [1, 1, 0]]);
    h.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an unknown node type or an invalid change, freeing what it was given', () => {
    const g = payments();
    const before = tf.memory().numTensors;
    expect(failingField(() => g.with({ nodes: { shop: { x: tf.ones([1, 1]) as tf.Tensor2D } } as never }))).toBe("node ['shop']");
    expect(failingField(() => g.with({ nodes: { account: { x: tf.ones([4, 1]) as tf.Tensor2D } } }))).toBe("node ['account'].x");
    expect(tf.memory().numTensors).toBe(before);
    g.dispose();
  });
});

describe('HeteroGraph.fromArrays', () => {
  it('uses Int32Array and Float32Array storage without a copy', () => {
    const x = new Float32Array([1, 2, 3, 4, 5, 6]);
    const edgeIndex = new Int32Array([0, 1, 2, 1, 1, 0]); // sources 0 1 2, destinations 1 1 0
    const time = new Int32Array([10, 20, 30]);
    const g = HeteroGraph.fromArrays({
      nodes: { account: { x, xShape: [3, 2], y: new Int32Array([0, 1, 1]), trainMask: new Uint8Array([1, 0, 1]) }, merchant: { numNodes: 2 } },
      edges: [{ type: PAYS, edgeIndex, edgeTime: time, edgeAttr: new Float32Array(6), edgeAttrShape: [3, 2] }],
    });
    expect(g.node('account').x!.dataSync()).toBe(x);
    expect(g.edge(PAYS).edgeIndex.dataSync()).toBe(edgeIndex);
    expect(g.edge(PAYS).edgeTime!.dataSync()).toBe(time);
    expect(g.edge(PAYS).edgeTime!.dtype).toBe('int32');
    expect(g.node('account').trainMask!.dtype).toBe('bool');
    expect(g.edge(PAYS).edgeIndex.arraySync()).toEqual([[0, 1, 2], [1, 1, 0]]);
    g.dispose();
  });

  it('takes src/dst rows, nested rows and plain arrays', () => {
    const g = HeteroGraph.fromArrays({
      nodes: { account: { x: [[1, 0], [0, 1]], y: [0.5, 1], time: [1, 2] }, merchant: { numNodes: 1 } },
      edges: [{ type: 'account__pays__merchant', src: [0, 1], dst: [0, 0], edgeWeight: [1, 2], edgeAttr: [3, 4] }],
      y: [1, 2, 3],
    });
    expect(g.node('account').y!.dtype).toBe('float32');
    expect(g.node('account').time!.dtype).toBe('int32');
    expect(g.edge(PAYS).numEdgeFeatures).toBe(1);
    expect(g.y!.shape).toEqual([1, 3]);
    g.dispose();
  });

  it('frees the tensors it made when the graph is refused, naming the type', () => {
    const before = tf.memory().numTensors;
    const build = (): unknown =>
      HeteroGraph.fromArrays({
        nodes: { account: { x: new Float32Array(4), xShape: [2, 2] }, merchant: { numNodes: 1 } },
        edges: [{ type: PAYS, src: new Int32Array([0, 1]), dst: new Int32Array([0, 1]), edgeWeight: [1, 1] }],
      });
    expect(failingField(build)).toBe("edge ['account','pays','merchant'].edgeIndex[1]");
    expect(failingField(() => HeteroGraph.fromArrays({ nodes: { a: { x: new Float32Array(5), xShape: [2, 2] } } }))).toBe("node ['a'].x");
    expect(failingField(() => HeteroGraph.fromArrays({ nodes: { a: { numNodes: 1, time: [2 ** 40] } } }))).toBe("node ['a'].time");
    expect(tf.memory().numTensors).toBe(before);
  });
});
