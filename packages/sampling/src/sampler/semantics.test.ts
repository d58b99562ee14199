/**
 * PyG's sampling semantics as properties, on random graphs (fast-check):
 * [-1, -1] is the k-hop subgraph, fan-outs are never exceeded, temporal
 * sampling never reaches past a seed's time, a seed gives the same batch.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { InMemoryFeatureStore, InMemoryGraphStore, kHopSubgraph, Graph, HOMOGENEOUS_EDGE_TYPE } from '@gnnjs/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { NeighborLoader } from '../loader/neighbor_loader.js';
import type { SampledGraph } from '../loader/sampled_graph.js';
import { sampleNeighbors, type SampleRequest } from './neighbor_sample.js';
import { samplerGraph } from './options.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A random directed graph: n nodes, edges as [src, dst] pairs (repeats and self-loops allowed). */
const graphArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 40 }),
    seeds: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(n, 4) }),
    times: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
    fanouts: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 1, maxLength: 3 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    replace: fc.boolean(),
  }),
);

function storeOf(n: number, edges: [number, number][], times?: number[]): InMemoryGraphStore<'node'> {
  return InMemoryGraphStore.fromArrays(
    {
      kind: 'homogeneous',
      numNodes: { node: n },
      edges: [{ type: HOMOGENEOUS_EDGE_TYPE, src: Int32Array.from(edges, (e) => e[0]), dst: Int32Array.from(edges, (e) => e[1]) }],
      ...(times === undefined ? {} : { nodeTime: { node: Int32Array.from(times) } }),
    },
    times === undefined ? {} : { timeAttr: 'time' },
  );
}

function request(seeds: number[], fanouts: number[], seed: number, extra: Partial<SampleRequest> = {}): SampleRequest {
  return {
    seeds: [Int32Array.from(seeds)],
    numNeighbors: [fanouts],
    replace: false,
    disjoint: false,
    temporalStrategy: 'uniform',
    subgraphType: 'directional',
    randomSeed: seed,
    ...extra,
  };
}

describe('sampling semantics', () => {
  it('numNeighbors [-1, -1] gives exactly the 2-hop subgraph (directed=True edges of kHopSubgraph)', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges, seeds }) => {
        const out = sampleNeighbors(samplerGraph(storeOf(n, edges)), request(seeds, [-1, -1], 1));
        const ei = tf.tensor2d([edges.map((e) => e[0]), edges.map((e) => e[1])], [2, edges.length], 'int32');
        // PyG's k_hop_subgraph(directed=True) keeps the edges walked from the seeds; with 2 hops that is every in-edge of
        // the seeds and of their in-neighbours: what the sampler keeps.
        const k = kHopSubgraph(seeds, 2, ei, { numNodes: n, directed: true });
        expect([...out.node[0]!].sort((a, b) => a - b)).toEqual(Array.from(k.subset.dataSync()));
        expect(Array.from(out.node[0]!.subarray(0, seeds.length))).toEqual(seeds); // seeds first, in order
        const kept = Array.from(k.edgeMask.dataSync()).flatMap((m, e) => (m ? [e] : []));
        // An edge into a hop-2 node that was also reached in hop 1 is walked by kHopSubgraph only from the frontier: compare as sets of ids.
        expect([...out.edge[0]!].sort((a, b) => a - b)).toEqual(kept);
        tf.dispose([ei, k.subset, k.edgeIndex, k.mapping, k.edgeMask]);
      }),
    );
  });

  it('edges and ids are consistent, fan-outs are never exceeded, with and without replacement', () => {
    fc.assert(
      fc.property(graphArb, ({ n, edges, seeds, fanouts, seed, replace }) => {
        const store = storeOf(n, edges);
        const out = sampleNeighbors(samplerGraph(store), request(seeds, fanouts, seed, { replace }));
        const node = out.node[0]!;
        const perDst = new Map<number, number>();
        out.edge[0]!.forEach((e, k) => {
          expect(node[out.row[0]![k]!]).toBe(edges[e]![0]);
          expect(node[out.col[0]![k]!]).toBe(edges[e]![1]);
          perDst.set(out.col[0]![k]!, (perDst.get(out.col[0]![k]!) ?? 0) + 1);
        });
        if (!replace) expect(new Set(out.edge[0]).size).toBe(out.edge[0]!.length); // no edge twice
        expect(new Set(node).size).toBe(node.length); // no node twice (not disjoint)
        // Nodes that entered at hop h (h < hops) got at most fanouts[h] in-edges (all when -1).
        let begin = 0;
        out.numSampledNodes[0]!.forEach((count, hop) => {
          if (hop >= fanouts.length) return;
          for (let i = begin; i < begin + count; i++) {
            const got = perDst.get(i) ?? 0;
            const degree = edges.filter((e) => e[1] === node[i]).length;
            if (fanouts[hop]! >= 0) expect(got).toBeLessThanOrEqual(fanouts[hop]!);
            if (fanouts[hop] === -1 || (!replace && fanouts[hop]! >= degree)) expect(got).toBe(degree);
            if (replace && fanouts[hop]! > 0 && degree > 0) expect(got).toBe(fanouts[hop]);
          }
          begin += count;
        });
      }),
    );
  });

  it('temporal sampling never takes a neighbour after its seed time, and is disjoint', () => {
    fc.assert(
      fc.property(graphArb, fc.constantFrom('uniform' as const, 'last' as const), ({ n, edges, seeds, times, fanouts, seed }, strategy) => {
        const store = storeOf(n, edges, times);
        const seedTime = Float64Array.from(seeds, (s) => times[s]!);
        const out = sampleNeighbors(samplerGraph(store), request(seeds, fanouts, seed, { seedTime: [seedTime], temporalStrategy: strategy }));
        const node = out.node[0]!;
        const batch = out.batch![0]!;
        expect(Array.from(batch.subarray(0, seeds.length))).toEqual(seeds.map((_, i) => i));
        node.forEach((v, i) => expect(times[v]!).toBeLessThanOrEqual(seedTime[batch[i]!]!));
        out.col[0]!.forEach((c, k) => expect(batch[out.row[0]![k]!]).toBe(batch[c]!)); // edges stay inside one seed's tree
        if (strategy === 'last') {
          // 'last' keeps the most recent eligible in-edges: no skipped eligible in-edge is newer than a kept one.
          const keptByDst = new Map<number, number[]>();
          out.col[0]!.forEach((c, k) => keptByDst.set(c, [...(keptByDst.get(c) ?? []), times[node[out.row[0]![k]!]!]!]));
          for (const [c, kept] of keptByDst) {
            const eligible = edges.filter((e) => e[1] === node[c] && times[e[0]]! <= seedTime[batch[c]!]!).map((e) => times[e[0]]!).sort((a, b) => b - a);
            expect(Math.min(...kept)).toBeGreaterThanOrEqual(eligible[kept.length - 1]!);
          }
        }
      }),
    );
  });

  it('the same seed gives the same batches; another seed other batches; batches do not depend on the order they are made in', async () => {
    const n = 200;
    const src = Int32Array.from({ length: 3000 }, (_, e) => (e * 7919) % n);
    const dst = Int32Array.from({ length: 3000 }, (_, e) => (e * 104729 + 13) % n);
    const graph = new Graph({ edgeIndex: [src, dst], numNodes: n, x: tf.ones([n, 2]) });
    const collect = async (seed: number): Promise<string[]> => {
      const loader = new NeighborLoader(graph, { numNeighbors: [5, 3], batchSize: 32, shuffle: true, seed });
      const out: string[] = [];
      for (let epoch = 0; epoch < 2; epoch++) for await (const b of loader) out.push(`${Array.from(b.nId).join(',')}|${Array.from(b.eId!).join(',')}`);
      return out;
    };
    const a = await collect(7);
    expect(await collect(7)).toEqual(a);
    expect(await collect(8)).not.toEqual(a);
    expect(a.slice(0, 7)).not.toEqual(a.slice(7)); // epoch 2 reshuffles
    // Batch 3 of epoch 1 sampled alone equals batch 3 of the full epoch.
    const loader = new NeighborLoader(graph, { numNeighbors: [5, 3], batchSize: 32, shuffle: true, seed: 7 });
    const plan = loader.batchPositions(1);
    const alone = loader.sample(plan[3]!, 1, 3);
    expect(`${Array.from(alone.node[0]!).join(',')}|${Array.from(alone.edge[0]!).join(',')}`).toBe(a[7 + 3]);
    graph.dispose();
  });

  it('keeps the tensor count flat over epochs; autoDispose: false hands ownership to the consumer', async () => {
    const graph = new Graph({ edgeIndex: [[0, 1, 2, 3], [1, 2, 3, 0]], x: tf.ones([4, 3]), y: tf.tensor1d([0, 1, 0, 1], 'int32') });
    const loader = new NeighborLoader(graph, { numNeighbors: [2], batchSize: 2, seed: 0 });
    const before = tf.memory().numTensors;
    for (let epoch = 0; epoch < 3; epoch++) for await (const b of loader) expect(b.y!.shape).toEqual([b.numNodes]);
    expect(tf.memory().numTensors).toBe(before);
    const keeping = new NeighborLoader(graph, { numNeighbors: [2], batchSize: 2, seed: 0, autoDispose: false });
    const kept: SampledGraph[] = [];
    for await (const b of keeping) kept.push(b);
    expect(kept.every((b) => !b.isDisposed)).toBe(true);
    kept.forEach((b) => b.dispose());
    expect(tf.memory().numTensors).toBe(before);
    graph.dispose();
  });

  it('reads features through any FeatureStore: the same batch from the in-memory store and from a store of its own', async () => {
    const graph = new Graph({ edgeIndex: [[0, 1, 2, 3, 1], [1, 2, 3, 0, 3]], x: tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]) });
    const inner = InMemoryFeatureStore.fromGraph(graph);
    let reads = 0;
    const counting = { attrs: () => inner.attrs(), get: async (q: Parameters<typeof inner.get>[0]) => (reads++, inner.get(q)) };
    const a = new NeighborLoader(graph, { numNeighbors: [-1], batchSize: 4, seed: 1 });
    const b = new NeighborLoader({ graphStore: InMemoryGraphStore.fromGraph(graph), featureStore: counting }, { numNeighbors: [-1], batchSize: 4, seed: 1 });
    const xs: number[][] = [];
    for (const loader of [a, b]) for await (const batch of loader) xs.push(Array.from((batch as SampledGraph).x!.dataSync()));
    expect(xs[1]).toEqual(xs[0]);
    expect(reads).toBe(1);
    graph.dispose();
  });
});
