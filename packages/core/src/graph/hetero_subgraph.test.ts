import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { failingField, fixtureGraph, heteroFixture, pygHetero } from '../test_support/hetero_fixture.js';
import { HeteroGraph } from './hetero_graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface PygSubgraph {
  subsets: { account: number[]; merchant: boolean[] };
  num_nodes_dict: Record<string, number>;
  x_account: number[][];
  edge_index_dict: Record<string, number[][]>;
}

describe('HeteroGraph.subgraph', () => {
  it("matches PyG's subgraph: ids keep their order, masks keep ascending ids, other types stay whole", () => {
    const pyg = pygHetero['subgraph'] as unknown as PygSubgraph;
    const g = fixtureGraph();
    const before = tf.memory().numTensors;
    const sub = g.subgraph({ account: pyg.subsets.account, merchant: tf.tensor1d(pyg.subsets.merchant.map(Number), 'bool') });
    expect(sub.numNodesDict()).toEqual(pyg.num_nodes_dict);
    expect(sub.metadata()).toEqual(g.metadata());
    const x = sub.node('account').x!.arraySync();
    x.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(pyg.x_account[i]![j]!, 6)));
    expect(Object.keys(sub.edgeIndexDict())).toEqual(Object.keys(heteroFixture.edge_index_dict));
    for (const [key, edgeIndex] of Object.entries(sub.edgeIndexDict())) expect(edgeIndex.arraySync()).toEqual(pyg.edge_index_dict[key]);
    // A boolean[] mask and an int32 tensor of ids give the same graph.
    const again = g.subgraph({ account: tf.tensor1d(pyg.subsets.account, 'int32'), merchant: pyg.subsets.merchant });
    for (const [key, edgeIndex] of Object.entries(again.edgeIndexDict())) expect(edgeIndex.arraySync()).toEqual(pyg.edge_index_dict[key]);
    sub.dispose();
    again.dispose();
    expect(tf.memory().numTensors).toBe(before + 2); // the two subset tensors this test made
    g.dispose();
  });

  it('takes the edge fields of the kept edges', () => {
    const g = new HeteroGraph({
      nodes: { a: { numNodes: 3, y: tf.tensor1d([7, 8, 9], 'int32') }, b: { numNodes: 2 } },
      edges: [{ type: ['a', 'r', 'b'], edgeIndex: [[0, 1, 2, 2], [0, 1, 1, 0]], edgeWeight: tf.tensor1d([1, 2, 3, 4]), edgeTime: tf.tensor1d([5, 6, 7, 8], 'int32') }],
    });
    const sub = g.subgraph({ a: [2, 0] });
    expect(sub.node('a').y!.arraySync()).toEqual([9, 7]);
    expect(sub.edge('a__r__b').edgeIndex.arraySync()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(sub.edge('a__r__b').edgeWeight!.arraySync()).toEqual([1, 3, 4]);
    expect(sub.edge('a__r__b').edgeTime!.arraySync()).toEqual([5, 7, 8]);
    expect(sub.node('b').numNodes).toBe(2);
    g.dispose();
    sub.dispose();
  });

  it('names the node type of a bad subset', () => {
    const g = fixtureGraph();
    expect(failingField(() => g.subgraph({ shop: [0] } as never))).toBe("subsets['shop']");
    expect(failingField(() => g.subgraph({ account: [6] }))).toBe("subsets['account']");
    expect(failingField(() => g.subgraph({ account: [1, 1] }))).toBe("subsets['account']");
    expect(failingField(() => g.subgraph({ merchant: [true, false] }))).toBe("subsets['merchant']");
    g.dispose();
  });
});
