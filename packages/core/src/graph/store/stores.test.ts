import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GnnError } from '../../errors.js';
import { Graph } from '../graph.js';
import { HeteroGraph } from '../hetero_graph.js';
import { InMemoryFeatureStore } from './in_memory_feature_store.js';
import { InMemoryGraphStore } from './in_memory_graph_store.js';
import { HOMOGENEOUS_EDGE_TYPE, StoreError } from './types.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('InMemoryGraphStore', () => {
  it('is the graph’s own destination-sorted CSR (shared with toCSR), or a copy on SharedArrayBuffers', () => {
    const g = new Graph({ edgeIndex: [[1, 2, 0, 2], [0, 0, 2, 1]], numNodes: 3 });
    const store = InMemoryGraphStore.fromGraph(g);
    const csc = store.csc(HOMOGENEOUS_EDGE_TYPE);
    expect(csc.row).toBe(g.toCSR().indices);
    expect(Array.from(csc.colptr)).toEqual([0, 2, 3, 4]);
    expect(Array.from(csc.row)).toEqual([1, 2, 2, 0]);
    expect(Array.from(csc.edgeId)).toEqual([0, 1, 3, 2]);
    const shared = InMemoryGraphStore.fromGraph(g, { shared: true }).csc('node__to__node');
    expect(shared.row.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.edgeId)).toEqual([0, 1, 3, 2]);
    g.dispose();
  });

  it('sorts each neighbourhood by the source node’s time or the edge’s time, ties in edge order', () => {
    const g = new HeteroGraph({
      nodes: { a: { numNodes: 4, time: tf.tensor1d([3, 1, 2, 1], 'int32') }, b: { numNodes: 1, time: tf.tensor1d([0], 'int32') } },
      edges: [{ type: ['a', 'to', 'b'], edgeIndex: [[0, 1, 2, 3], [0, 0, 0, 0]], edgeTime: tf.tensor1d([1, 4, 0, 4], 'float32') }],
    });
    const byNode = InMemoryGraphStore.fromHeteroGraph(g, { timeAttr: 'time' }).csc(['a', 'to', 'b']);
    expect(Array.from(byNode.row)).toEqual([1, 3, 2, 0]);
    expect(Array.from(byNode.time!)).toEqual([1, 1, 2, 3]);
    const byEdge = InMemoryGraphStore.fromHeteroGraph(g, { timeAttr: 'edgeTime' }).csc('a__to__b');
    expect(Array.from(byEdge.edgeId)).toEqual([2, 0, 1, 3]);
    expect(byEdge.time).toBeInstanceOf(Float32Array);
    g.dispose();
  });

  it('names what is wrong: indices out of range, missing times, unknown types, a graph above maxBytes', () => {
    const bad = () => InMemoryGraphStore.fromArrays({ numNodes: { a: 2 }, edges: [{ type: ['a', 'r', 'a'], src: Int32Array.of(0, 2), dst: Int32Array.of(1, 1) }] });
    expect(bad).toThrow(StoreError);
    expect(bad).toThrow(/edge \['a','r','a'\]\.src: index 2 at position 1 is outside \[0, 2\)/);
    const noTime = () => InMemoryGraphStore.fromArrays({ numNodes: { a: 1, b: 1 }, nodeTime: { a: Int32Array.of(0) }, edges: [] }, { timeAttr: 'time' });
    expect(noTime).toThrow(/node type 'b' has none/);
    const store = InMemoryGraphStore.fromArrays({ numNodes: { a: 3 }, edges: [{ type: 'a__r__a', src: Int32Array.of(0), dst: Int32Array.of(1) }] });
    expect(() => store.csc('a__s__a')).toThrow(/not an edge type of this store \(edge types: a__r__a\)/);
    expect(() => store.numNodes('c' as 'a')).toThrow(/'c' is not a node type of this store/);
    expect(new StoreError('f', 'm')).toBeInstanceOf(GnnError);
    const big = () => InMemoryGraphStore.fromArrays({ numNodes: { a: 3 }, edges: [{ type: 'a__r__a', src: Int32Array.of(0), dst: Int32Array.of(1) }] }, { maxBytes: 1 });
    expect(big).toThrow(/need 24 bytes \(1 edges, 3 nodes\), above maxBytes = 1 bytes/);
  });
});

describe('InMemoryFeatureStore', () => {
  it('gathers rows of every field by group, in index order, repeats allowed', async () => {
    const g = new Graph({ edgeIndex: [[0, 1], [1, 2]], x: tf.tensor2d([[1, 2], [3, 4], [5, 6]]), y: tf.tensor1d([0, 1, 1], 'int32'), trainMask: tf.tensor1d([true, false, true], 'bool'), edgeWeight: tf.tensor1d([0.5, 2]), numClasses: 2 });
    const store = InMemoryFeatureStore.fromGraph(g);
    expect(store.attrs().map((a) => `${a.group}.${a.attr}`)).toEqual(['node.x', 'node.y', 'node.trainMask', 'node__to__node.edgeWeight']);
    const x = await store.get({ group: 'node', attr: 'x', index: Int32Array.of(2, 0, 2) });
    expect([Array.from(x.values), x.shape]).toEqual([[5, 6, 1, 2, 5, 6], [3, 2]]);
    const m = await store.get({ group: 'node', attr: 'trainMask', index: Int32Array.of(1, 2) });
    expect([m.values, m.dtype]).toEqual([Uint8Array.of(0, 1), 'bool']);
    expect(store.attrs()[1]!.numClasses).toBe(2);
    await expect(store.get({ group: 'node', attr: 'x', index: Int32Array.of(3) })).rejects.toThrow(/node\.x: row 3 is outside \[0, 3\)/);
    await expect(store.get({ group: 'node', attr: 'time' })).rejects.toThrow(/is not in this feature store \(it holds node\.x/);
    g.dispose();
  });
});
