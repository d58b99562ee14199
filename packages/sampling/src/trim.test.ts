/** trimToLayer: a 3-layer GraphSAGE gives every seed the same output trimmed as untrimmed (PyG's `trim_to_layer`). */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Graph, manualSeed } from '@gnnjs/core';
import { SAGEConv } from '@gnnjs/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { NeighborLoader } from './loader/neighbor_loader.js';
import { Random } from './sampler/random.js';
import { trimToLayer } from './trim.js';

beforeAll(async () => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
});

describe('trimToLayer', () => {
  it('keeps every seed output of a 3-layer GraphSAGE, bipartite or not, and drops work', async () => {
    manualSeed(0);
    const r = new Random(2);
    const n = 400;
    const graph = new Graph({
      edgeIndex: [Array.from({ length: 3000 }, () => r.int(0, n)), Array.from({ length: 3000 }, () => r.int(0, n))],
      x: tf.randomNormal([n, 6], 0, 1, 'float32', 3),
    });
    const convs = [new SAGEConv(6, 8), new SAGEConv(8, 8), new SAGEConv(8, 3)];
    const loader = new NeighborLoader(graph, { numNeighbors: [4, 3, 2], batchSize: 16, seed: 1 });
    let batches = 0;
    for await (const b of loader) {
      const [full, trimmed, bipartite, kept] = tf.tidy(() => {
        let h: tf.Tensor2D = b.x!;
        convs.forEach((conv, l) => (h = l < 2 ? tf.relu(conv.forward(h, b.edgeIndex)) : conv.forward(h, b.edgeIndex)));
        const full = tf.slice(h, 0, b.batchSize);
        let t: tf.Tensor2D = b.x!;
        let p: tf.Tensor2D = b.x!;
        const kept: number[] = [];
        convs.forEach((conv, l) => {
          const a = trimToLayer(l, b.numSampledNodes, b.numSampledEdges, t, b.edgeIndex);
          t = l < 2 ? tf.relu(conv.forward(a.x, a.edgeIndex)) : conv.forward(a.x, a.edgeIndex);
          const c = trimToLayer(l, b.numSampledNodes, b.numSampledEdges, p, b.edgeIndex);
          p = l < 2 ? tf.relu(conv.forward([c.x, tf.slice(c.x, 0, c.numDst)], c.edgeIndex)) : conv.forward([c.x, tf.slice(c.x, 0, c.numDst)], c.edgeIndex);
          kept.push(c.edgeIndex.shape[1]);
        });
        return [full, tf.slice(t, 0, b.batchSize), p, kept];
      });
      expect(bipartite.shape).toEqual([b.batchSize, 3]);
      const want = await full.data();
      for (const got of [await trimmed.data(), await bipartite.data()]) got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-5));
      const e = b.numSampledEdges;
      expect(kept).toEqual([e[0]! + e[1]! + e[2]!, e[0]! + e[1]!, e[0]!]);
      tf.dispose([full, trimmed, bipartite]);
      batches++;
    }
    expect(batches).toBe(25);
    convs.forEach((c) => c.dispose());
    graph.dispose();
  });

  it('refuses a layer past the hops and counts that do not match', () => {
    const x = tf.zeros([3, 2]) as tf.Tensor2D;
    const ei = tf.tensor2d([[1, 2], [0, 0]], [2, 2], 'int32');
    expect(() => trimToLayer(2, [1, 2], [2], x, ei)).toThrow(/layer: expected an integer in \[0, 1\]/);
    expect(() => trimToLayer(0, [1, 2], [], x, ei)).toThrow(/numSampledNodes: needs one count per hop/);
    expect(() => trimToLayer(0, [1, 5], [2], x, ei)).toThrow(/x: has 3 rows, fewer than the 6 nodes/);
    tf.dispose([x, ei]);
  });
});
