import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { failingField, fixtureGraph, heteroFixture, pygHetero } from '../test_support/hetero_fixture.js';
import { Graph } from './graph.js';
import { HeteroGraph } from './hetero_graph.js';
import { TypedGraph } from './hetero_homogeneous.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface PygHomogeneous {
  node_type: number[];
  edge_type: number[];
  edge_index: number[][];
  x_shape: number[];
  x: number[][];
  y: number[] | null;
  train_mask: boolean[] | null;
  num_nodes: number;
}

interface PygHeterogeneous {
  node_types: string[];
  edge_types: string[][];
  x_shapes: Record<string, number[]>;
  edge_index_dict: Record<string, number[][]>;
}

/** The fixture graph with int labels and a train mask on accounts only. */
function labelled(): HeteroGraph {
  const g = fixtureGraph();
  const out = g.with({
    nodes: {
      account: {
        y: tf.tensor1d([0, 1, 0, 2, 1, 1], 'int32'),
        trainMask: tf.tensor1d([1, 0, 1, 0, 1, 0], 'bool'),
        numClasses: 3,
      },
    },
  });
  g.dispose();
  return out;
}

function closeTo(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected[i]![j]!)).toBeLessThan(1e-6)));
}

describe('toHomogeneous', () => {
  it("gives PyG's node_type, edge_type, offset edge_index and zero-padded x", () => {
    const pyg = pygHetero['to_homogeneous_plain'] as unknown as PygHomogeneous;
    const g = fixtureGraph();
    const h = g.toHomogeneous();
    expect(h).toBeInstanceOf(TypedGraph);
    expect(h).toBeInstanceOf(Graph);
    expect(h.numNodes).toBe(pyg.num_nodes);
    expect(h.nodeType.arraySync()).toEqual(pyg.node_type);
    expect(h.edgeType.arraySync()).toEqual(pyg.edge_type);
    expect(h.edgeIndex.arraySync()).toEqual(pyg.edge_index);
    expect(h.x!.shape).toEqual(pyg.x_shape); // [13, 16]: account (5) and device (3) padded to merchant's 16
    closeTo(h.x!.arraySync(), pyg.x);
    expect(Array.from(h.nodeSlices)).toEqual([0, 6, 10, 13]);
    expect(Array.from(h.edgeSlices)).toEqual([0, 8, 13, 21, 26]);
    expect(h.nodeTypeNames).toEqual(heteroFixture.metadata.node_types);
    expect(h.edgeTypeNames).toEqual(heteroFixture.metadata.edge_types);
    expect(h.y).toBeUndefined();
    expect(h.toString()).toBe('TypedGraph(x=[13, 16], edgeIndex=[2, 26], nodeType=[13], edgeType=[26], numNodes=13)');
    g.dispose();
    h.dispose();
  });

  it("fills PyG's dummy values (-1, false) for int labels and masks other types lack", () => {
    const pyg = pygHetero['to_homogeneous_labels'] as unknown as PygHomogeneous;
    const g = labelled();
    const h = g.toHomogeneous();
    expect(h.y!.arraySync()).toEqual(pyg.y);
    expect(h.trainMask!.arraySync()).toEqual(pyg.train_mask!.map(Number));
    expect(h.numClasses).toBe(3);
    g.dispose();
    h.dispose();
  });

  it('merges edge fields only when every type has them with one shape (PyG would fill NaN)', () => {
    const g = new HeteroGraph({
      nodes: { a: { numNodes: 2, time: tf.tensor1d([5, 6], 'int32') }, b: { numNodes: 1 } },
      edges: [
        { type: ['a', 'r', 'b'], edgeIndex: [[0, 1], [0, 0]], edgeWeight: tf.tensor1d([1, 2]), edgeAttr: tf.ones([2, 3]), edgeTime: tf.tensor1d([7, 8], 'int32') },
        { type: ['b', 's', 'a'], edgeIndex: [[0], [1]], edgeAttr: tf.ones([1, 4]) },
      ],
    });
    const h = g.toHomogeneous();
    expect(h.edgeWeight).toBeUndefined(); // float, missing on one type
    expect(h.edgeAttr).toBeUndefined(); // widths 3 and 4
    expect(h.edgeTime!.arraySync()).toEqual([7, 8, -1]); // int32: PyG's dummy -1
    expect(h.time!.arraySync()).toEqual([5, 6, -1]);
    const back = HeteroGraph.fromHomogeneous(h);
    expect(back.edge(['a', 'r', 'b']).edgeTime!.arraySync()).toEqual([7, 8]);
    expect(back.edge(['b', 's', 'a']).edgeTime).toBeUndefined();
    expect(back.node('b').time).toBeUndefined();
    for (const graph of [g, h, back]) graph.dispose();
  });
});

describe('fromHomogeneous', () => {
  it('round-trips the fixture graph exactly (widths unpadded, dummy values dropped)', () => {
    const before = tf.memory().numTensors;
    const g = labelled();
    const h = g.toHomogeneous();
    const back = HeteroGraph.fromHomogeneous(h);
    expect(back.metadata()).toEqual(g.metadata());
    expect(back.numNodesDict()).toEqual(g.numNodesDict());
    for (const type of g.nodeTypes) {
      const [a, b] = [g.node(type), back.node(type)];
      expect(b.x!.arraySync()).toEqual(a.x!.arraySync());
      expect(b.y?.arraySync()).toEqual(a.y?.arraySync());
      expect(b.trainMask?.arraySync()).toEqual(a.trainMask?.arraySync());
      expect(b.numClasses).toBe(a.numClasses);
    }
    for (const type of g.edgeTypes) expect(back.edge(type).edgeIndex.arraySync()).toEqual(g.edge(type).edgeIndex.arraySync());
    for (const graph of [g, h, back]) graph.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("splits a plain Graph with PyG's conventions, given type vectors and names", () => {
    const pyg = pygHetero['to_heterogeneous_plain'] as unknown as PygHeterogeneous;
    const hom = pygHetero['to_homogeneous_plain'] as unknown as PygHomogeneous;
    const graph = Graph.fromArrays({ src: hom.edge_index[0]!, dst: hom.edge_index[1]!, x: hom.x });
    const back = HeteroGraph.fromHomogeneous(graph, hom.node_type, tf.tensor1d(hom.edge_type, 'int32'), {
      nodeTypes: pyg.node_types,
      edgeTypes: pyg.edge_types as [string, string, string][],
    });
    expect(back.metadata()).toEqual([pyg.node_types, pyg.edge_types]);
    for (const type of back.nodeTypes) expect(back.node(type).x!.shape).toEqual(pyg.x_shapes[type]); // PyG keeps the padding
    for (const [key, edgeIndex] of Object.entries(back.edgeIndexDict())) expect(edgeIndex.arraySync()).toEqual(pyg.edge_index_dict[key]);
    graph.dispose();
    back.dispose();
  });

  it('names types 0, 1, ... and infers edge types from the edges without names', () => {
    // nodes 0, 2 of type 0; node 1 of type 1; edges 0->1 (type 0), 1->2 (type 1), 2->1 (type 0)
    const graph = Graph.fromArrays({ src: [0, 1, 2], dst: [1, 2, 1], y: [5, 6, 7] });
    const g = HeteroGraph.fromHomogeneous(graph, [0, 1, 0], [0, 1, 0]);
    expect(g.metadata()).toEqual([['0', '1'], [['0', '0', '1'], ['1', '1', '0']]]);
    expect(g.edge('0__0__1').edgeIndex.arraySync()).toEqual([[0, 1], [0, 0]]);
    expect(g.edge('1__1__0').edgeIndex.arraySync()).toEqual([[0], [1]]);
    expect(g.node('0').y!.arraySync()).toEqual([5, 7]);
    graph.dispose();
    g.dispose();
  });

  it('refuses type vectors and names that do not fit, naming the type', () => {
    const graph = Graph.fromArrays({ src: [0, 1], dst: [1, 0] });
    const names = { nodeTypes: ['a', 'b'], edgeTypes: [['a', 'r', 'b'] as const] };
    expect(failingField(() => HeteroGraph.fromHomogeneous(graph, [0], [0, 0], names))).toBe('nodeType');
    expect(failingField(() => HeteroGraph.fromHomogeneous(graph, [0, 2], [0, 0], names))).toBe('nodeType');
    expect(failingField(() => HeteroGraph.fromHomogeneous(graph, [0, 1], [0, 1], names))).toBe('edgeType');
    // edge 1 goes b -> a, but type 0 is a -> b
    expect(failingField(() => HeteroGraph.fromHomogeneous(graph, [0, 1], [0, 0], names))).toBe("edge ['a','r','b'].edgeIndex[0]");
    expect(failingField(() => HeteroGraph.fromHomogeneous(graph, [0, 1], [0, 0]))).toBe('edgeType'); // sources of two types
    graph.dispose();
  });
});
