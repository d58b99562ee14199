/** Every bad option is a typed error naming the option, raised before any sampling. */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { GnnError, InMemoryGraphStore, StoreError } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SamplingError } from '../errors.js';
import { smallGraph, smallHeteroGraph } from '../test_support/graphs.js';
import { NeighborLoader } from './neighbor_loader.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function expectError(run: () => unknown, type: new (...args: never[]) => GnnError, message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  expect(caught).toBeInstanceOf(GnnError);
  expect((caught as Error).message).toMatch(message);
}

describe('bad input', () => {
  const graph = smallGraph();
  const hetero = smallHeteroGraph();

  it('fan-outs: per-edge-type lists of different lengths, a missing or unknown edge type, bad values', () => {
    const types = ['user__buys__item', 'item__rev_buys__user', 'user__follows__user'];
    const nn = (lists: number[][]): Record<string, number[]> => Object.fromEntries(types.map((t, i) => [t, lists[i]!]));
    expectError(() => new NeighborLoader(hetero, { numNeighbors: nn([[5, 5], [5], [5, 5]]), inputNodes: 'user' }), SamplingError, /same number of hops.*'item__rev_buys__user': 1/);
    expectError(() => new NeighborLoader(hetero, { numNeighbors: { user__buys__item: [5], item__rev_buys__user: [5] }, inputNodes: 'user' }), SamplingError, /no fan-outs for edge type 'user__follows__user'/);
    expectError(() => new NeighborLoader(hetero, { numNeighbors: { ...nn([[1], [1], [1]]), user__likes__item: [1] }, inputNodes: 'user' }), SamplingError, /numNeighbors\['user__likes__item'\]: is not an edge type/);
    expectError(() => new NeighborLoader(graph, { numNeighbors: [10, 2.5] }), SamplingError, /numNeighbors\[1\]: a fan-out is a non-negative integer or -1.*2\.5/);
    expectError(() => new NeighborLoader(graph, { numNeighbors: [-2] }), SamplingError, /numNeighbors\[0\].*-2/);
    expectError(() => new NeighborLoader(hetero, { numNeighbors: nn([[1], [-3], [1]]), inputNodes: 'user' }), SamplingError, /numNeighbors\['item__rev_buys__user'\]\[0\]/);
    expectError(() => new NeighborLoader(graph, { numNeighbors: { node__to__node: [1] } }), SamplingError, /homogeneous graph takes one list/);
  });

  it('input nodes out of range, masks of the wrong length, a missing node type', () => {
    expectError(() => new NeighborLoader(graph, { numNeighbors: [1], inputNodes: [0, 9] }), SamplingError, /inputNodes: node ids must be integers in \[0, 9\), got 9 at position 1/);
    expectError(() => new NeighborLoader(graph, { numNeighbors: [1], inputNodes: [true, false] }), SamplingError, /a mask needs 9 entries/);
    expectError(() => new NeighborLoader(hetero, { numNeighbors: [1], inputNodes: ['item', [4]] }), SamplingError, /inputNodes\['item'\].*\[0, 4\), got 4/);
    // A 0/1 Uint8Array (@gnnjs/relational's split masks) is a mask, not the ids 0 and 1.
    expect(Array.from(new NeighborLoader(graph, { numNeighbors: [1], inputNodes: Uint8Array.of(0, 1, 1, 0, 0, 0, 0, 0, 1) }).inputNodes)).toEqual([1, 2, 8]);
    expectError(() => new NeighborLoader(graph, { numNeighbors: [1], inputNodes: Uint8Array.of(0, 1) }), SamplingError, /a mask needs 9 entries/);
    expectError(() => new NeighborLoader(graph, { numNeighbors: [1], inputNodes: Uint8Array.of(0, 1, 2, 0, 0, 0, 0, 0, 0) }), SamplingError, /read as a 0\/1 mask.*entry 2 is 2/);
    expectError(() => new NeighborLoader(hetero, { numNeighbors: [1] }), SamplingError, /needs the seeds' node type/);
    // @ts-expect-error -- 'shop' is not a node type; the untyped caller gets the error below.
    expectError(() => new NeighborLoader(hetero, { numNeighbors: [1], inputNodes: 'shop' }), SamplingError, /node type of the graph \('user', 'item'\)/);
  });

  it('a time attribute missing on some node types, times without timeAttr, combinations PyG refuses', () => {
    const partial = hetero.with({ nodes: { user: { time: tf.tensor1d([1, 2, 3, 4, 5], 'int32') } } });
    expectError(() => new NeighborLoader(partial, { numNeighbors: [1], inputNodes: 'user', timeAttr: 'time' }), StoreError, /node type 'item' has none.*staticNodeTypes/);
    expect(() => new NeighborLoader(partial, { numNeighbors: [1], inputNodes: 'user', timeAttr: 'time', staticNodeTypes: ['item'] })).not.toThrow();
    expectError(() => new NeighborLoader(partial, { numNeighbors: [1], inputNodes: 'item', timeAttr: 'time', staticNodeTypes: ['item'] }), SamplingError, /node type 'item' has none in the graph store: give inputTime/);
    expectError(() => new NeighborLoader(graph, { numNeighbors: [1], timeAttr: 'time' }), SamplingError, /a Graph has no time field/);
    expectError(() => new NeighborLoader(graph, { numNeighbors: [1], inputTime: [1] }), SamplingError, /inputTime: is set but timeAttr is not/);
    expectError(() => new NeighborLoader(graph, { numNeighbors: [1], subgraphType: 'induced', disjoint: true }), SamplingError, /'induced' subgraphs cannot be disjoint/);
    // @ts-expect-error -- not a subgraph type
    expectError(() => new NeighborLoader(graph, { numNeighbors: [1], subgraphType: 'undirected' }), SamplingError, /subgraphType: expected 'directional'/);
    expectError(() => new NeighborLoader(graph, { numNeighbors: [1], batchSize: 0 }), SamplingError, /batchSize: expected an integer >= 1/);
    partial.dispose();
  });

  it('a graph too large for the chosen store says how large it is and what to use instead', () => {
    expectError(() => InMemoryGraphStore.fromGraph(graph, { maxBytes: 100 }), StoreError, /too large for InMemoryGraphStore: its CSC arrays need 184 bytes \(18 edges, 9 nodes\), above maxBytes = 100 bytes.*FileGraphStore/);
    const store = InMemoryGraphStore.fromGraph(graph);
    expect(store.bytes).toBe(10 * 4 + 18 * 8);
  });
});
