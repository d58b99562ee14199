/**
 * Fuzz: every GNN kernel (composite defaults on tfjs-cpu) against the float64
 * reference, forward and every gradient, on graphs fast-check draws: empty,
 * duplicate edges, self-loops, isolated nodes, bipartite; segment ids for
 * segment attention, some out of range. Budget: `fuzzParameters` (seeds are
 * printed on failure; GNNJS_FUZZ_SEED replays one, GNNJS_FUZZ_RUNS scales).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { AttentionProjection, GNN_KERNEL_NAMES, GatAttention, SoftmaxAggregate } from '@gnnjs/core';
import { conformanceGraph, fuzzParameters, kernelCases, type ConformanceGraph, type NodeSegments } from '@gnnjs/core/testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Drawn {
  readonly graph: ConformanceGraph;
  readonly segments: NodeSegments;
  readonly seed: number;
}

/** A small directed multigraph, with some edges repeated, and node segments. */
const drawn: fc.Arbitrary<Drawn> = fc
  .record({ numNodes: fc.integer({ min: 0, max: 9 }), extraSources: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })) })
  .chain(({ numNodes, extraSources }) => {
    const numSrc = numNodes === 0 ? 0 : numNodes + extraSources;
    const edge = fc.tuple(fc.integer({ min: 0, max: Math.max(0, numSrc - 1) }), fc.integer({ min: 0, max: Math.max(0, numNodes - 1) }));
    const numSegments = Math.max(1, Math.ceil(numNodes / 3));
    return fc.record({
      edges: numNodes === 0 ? fc.constant([] as [number, number][]) : fc.array(edge, { maxLength: 20 }),
      repeats: fc.array(fc.nat(), { maxLength: 4 }),
      ids: fc.array(fc.integer({ min: -1, max: numSegments }), { minLength: numNodes, maxLength: numNodes }),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    }).map(({ edges, repeats, ids, seed }): Drawn => {
      const all = [...edges, ...(edges.length === 0 ? [] : repeats.map((r) => edges[r % edges.length]!))];
      const graph = conformanceGraph('drawn', numNodes, all.map(([s]) => s), all.map(([, d]) => d), numSrc);
      return { graph, segments: { ids: Int32Array.from(ids), numSegments }, seed };
    });
  });

it('covers every kernel and the fused attention kernels', () => {
  const cases = kernelCases(conformanceGraph('g', 2, [0, 1], [1, 1]), { seed: 1 });
  expect(new Set(cases.map((c) => c.kernel))).toEqual(new Set([...GNN_KERNEL_NAMES, AttentionProjection, SoftmaxAggregate, GatAttention]));
});

it('every kernel matches the float64 reference on drawn graphs, and frees what it made', async () => {
  await fc.assert(
    fc.asyncProperty(drawn, async ({ graph, segments, seed }) => {
      const before = tf.memory().numTensors;
      for (const c of kernelCases(graph, { seed, segments })) await c.run();
      expect(tf.memory().numTensors).toBe(before);
    }),
    fuzzParameters(60),
  );
}, 120_000);
