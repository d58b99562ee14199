/** The loader reads the same batches through DuckDB as from memory. */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Graph, InMemoryGraphStore, StoreError } from '@gnnjs/core';
import { DuckDBFeatureStore, NodeDuckDBEngine } from '@gnnjs/relational';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NeighborLoader } from './neighbor_loader.js';
import type { SampledGraph } from './sampled_graph.js';

let engine: NodeDuckDBEngine;

beforeAll(async () => {
  await tf.setBackend('cpu');
  engine = await NodeDuckDBEngine.create({ threads: 1 });
});

afterAll(async () => {
  await engine.close();
});

describe('NeighborLoader over a DuckDB feature store', () => {
  it('gives the batches of the in-memory store: features, labels, masks and edge features by id', async () => {
    const n = 40;
    const src = Array.from({ length: 120 }, (_, e) => (e * 7) % n);
    const dst = Array.from({ length: 120 }, (_, e) => (e * 13 + 5) % n);
    const x = Array.from({ length: n }, (_, i) => [i / 10, -i, i % 3]);
    const y = Array.from({ length: n }, (_, i) => i % 4);
    const mask = Array.from({ length: n }, (_, i) => i % 2 === 0);
    const graph = new Graph({
      edgeIndex: [src, dst],
      x: tf.tensor2d(x),
      y: tf.tensor1d(y, 'int32'),
      trainMask: tf.tensor1d(mask, 'bool'),
      edgeWeight: tf.tensor1d(src.map((_, e) => e / 4)),
      numClasses: 4,
    });
    // Rows stored shuffled: ids, not positions, say which node a row is.
    const order = Array.from({ length: n }, (_, i) => (i * 17) % n);
    await engine.insertColumns('nodes', {
      id: order,
      f0: order.map((i) => x[i]![0]!),
      f1: order.map((i) => x[i]![1]!),
      f2: order.map((i) => x[i]![2]!),
      label: order.map((i) => y[i]!),
      train: order.map((i) => mask[i]!),
    });
    await engine.insertColumns('edges', { id: src.map((_, e) => e), w: src.map((_, e) => e / 4) });
    const features = await DuckDBFeatureStore.create(engine, [
      { group: 'node', attr: 'x', table: 'nodes', columns: ['f0', 'f1', 'f2'], idColumn: 'id' },
      { group: 'node', attr: 'y', table: 'nodes', columns: ['label'], idColumn: 'id', dtype: 'int32', numClasses: 4 },
      { group: 'node', attr: 'trainMask', table: 'nodes', columns: ['train'], idColumn: 'id', dtype: 'bool' },
      { group: 'node__to__node', attr: 'edgeWeight', table: 'edges', columns: ['w'], idColumn: 'id' },
    ]);
    const options = { numNeighbors: [4, 2], batchSize: 16, shuffle: true, seed: 9, disjoint: true };
    const inMemory = new NeighborLoader(graph, options);
    const inDuck = new NeighborLoader({ graphStore: InMemoryGraphStore.fromGraph(graph), featureStore: features }, options);
    const dump = async (loader: AsyncIterable<unknown>): Promise<string[]> => {
      const out: string[] = [];
      for await (const batch of loader) {
        const b = batch as SampledGraph;
        out.push(JSON.stringify([b.x!.arraySync(), b.y!.arraySync(), b.trainMask!.arraySync(), b.edgeWeight!.arraySync(), b.numClasses, Array.from(b.nId)]));
      }
      return out;
    };
    const expected = await dump(inMemory);
    expect(expected).toHaveLength(3);
    expect(await dump(inDuck)).toEqual(expected);
    await expect(features.get({ group: 'node', attr: 'x', index: Int32Array.of(40) })).rejects.toThrow(/row 40 is outside \[0, 40\)/);
    await expect(DuckDBFeatureStore.create(engine, [{ group: 'node', attr: 'x', table: 'nodes', columns: ['nope'], idColumn: 'id' }])).rejects.toThrow(StoreError);
    graph.dispose();
  });
});
