import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync, rmSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { HOMOGENEOUS_EDGE_TYPE, InMemoryFeatureStore, InMemoryGraphStore, StoreError } from '@gnnjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NeighborLoader } from '../loader/neighbor_loader.js';
import type { SampledGraph, SampledHeteroGraph } from '../loader/sampled_graph.js';
import { DST, SRC, smallGraph, smallHeteroGraph } from '../test_support/graphs.js';
import { FileGraphStore } from './file_graph_store.js';

const dir = mkdtempSync(join(tmpdir(), 'gnnjs-store-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FileGraphStore', () => {
  it('builds from edge chunks (two passes, no tensors) the CSC the in-memory store has, and the loader samples the same batches', async () => {
    const path = join(dir, 'small.csc');
    const chunks = function* () {
      for (let s = 0; s < SRC.length; s += 5) yield { src: Int32Array.from(SRC.slice(s, s + 5)), dst: Int32Array.from(DST.slice(s, s + 5)) };
    };
    await FileGraphStore.build(path, { numNodes: { node: 9 }, edges: [{ type: HOMOGENEOUS_EDGE_TYPE, chunks }], kind: 'homogeneous' });
    const store = FileGraphStore.open<'node'>(path, { shared: true });
    const graph = smallGraph();
    const reference = InMemoryGraphStore.fromGraph(graph);
    for (const field of ['colptr', 'row', 'edgeId'] as const) expect(Array.from(store.csc(HOMOGENEOUS_EDGE_TYPE)[field])).toEqual(Array.from(reference.csc(HOMOGENEOUS_EDGE_TYPE)[field]));
    expect(store.csc(HOMOGENEOUS_EDGE_TYPE).row.buffer).toBeInstanceOf(SharedArrayBuffer);
    const featureStore = InMemoryFeatureStore.fromGraph(graph);
    const ids: string[] = [];
    for (const graphStore of [reference, store]) {
      for await (const b of new NeighborLoader({ graphStore, featureStore }, { numNeighbors: [2, 2], batchSize: 3, seed: 4 })) ids.push(Array.from((b as SampledGraph).nId).join());
    }
    expect(ids.slice(3)).toEqual(ids.slice(0, 3));
    graph.dispose();
  });

  it('writes and reopens a temporal heterogeneous store; refuses foreign, truncated and too large files', async () => {
    const graph = smallHeteroGraph(true);
    const memory = InMemoryGraphStore.fromHeteroGraph(graph, { timeAttr: 'time' });
    const path = join(dir, 'hetero.csc');
    FileGraphStore.write(path, memory);
    const file = FileGraphStore.open<'user' | 'item'>(path);
    expect(file.timeAttr).toBe('time');
    expect(Array.from(file.nodeTime('user')!)).toEqual([5, 1, 3, 2, 9]);
    for (const t of memory.edgeTypes) expect(file.csc(t)).toEqual(memory.csc(t));
    const options = { numNeighbors: [-1, -1], inputNodes: ['user', [0, 2, 4]] as const, batchSize: 3, timeAttr: 'time' as const };
    const featureStore = InMemoryFeatureStore.fromHeteroGraph(graph);
    const a: string[] = [];
    for (const graphStore of [memory, file]) for await (const b of new NeighborLoader({ graphStore, featureStore }, options)) a.push(JSON.stringify((b as SampledHeteroGraph).nId));
    expect(a[1]).toBe(a[0]);
    expect(() => FileGraphStore.open(path, { maxBytes: 100 })).toThrow(/take 0\.00 GiB, above maxBytes \(0\.00 GiB\)/);
    expect(() => FileGraphStore.open(join(dir, '..', 'nope', 'x'))).toThrow();
    truncateSync(path, statSync(path).size - 8);
    expect(() => FileGraphStore.open(path)).toThrow(/truncated/);
    expect(() => FileGraphStore.open(new URL(import.meta.url).pathname)).toThrow(StoreError);
    graph.dispose();
  });
});
