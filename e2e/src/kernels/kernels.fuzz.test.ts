/**
 * Fuzz: every GNN kernel of the CPU backends we ship (@gnnjs/backend-cpu's
 * and @gnnjs/backend-wasm's fast kernels) against core's float64 reference,
 * forward and every gradient, on graphs fast-check draws: empty, duplicate
 * edges, self-loops, isolated nodes, bipartite, segment ids out of range.
 * core runs the same property on its composite defaults (tfjs-cpu).
 * Budget and seeds: `fuzzParameters` (GNNJS_FUZZ_RUNS, GNNJS_FUZZ_SEED).
 */
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getBackend, isCompositeKernel, SpMM } from '@gnnjs/core';
import { conformanceGraph, fuzzParameters, kernelCases, type ConformanceGraph, type NodeSegments } from '@gnnjs/core/testing';
import { availableBackends, useBackend } from '../support/backends.js';

interface Drawn {
  readonly graph: ConformanceGraph;
  readonly segments: NodeSegments;
  readonly seed: number;
}

const drawn: fc.Arbitrary<Drawn> = fc
  .record({ numNodes: fc.integer({ min: 0, max: 9 }), extraSources: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })) })
  .chain(({ numNodes, extraSources }) => {
    const numSrc = numNodes === 0 ? 0 : numNodes + extraSources;
    const edge = fc.tuple(fc.integer({ min: 0, max: Math.max(0, numSrc - 1) }), fc.integer({ min: 0, max: Math.max(0, numNodes - 1) }));
    const numSegments = Math.max(1, Math.ceil(numNodes / 3));
    return fc
      .record({
        edges: numNodes === 0 ? fc.constant([] as [number, number][]) : fc.array(edge, { maxLength: 24 }),
        repeats: fc.array(fc.nat(), { maxLength: 4 }),
        ids: fc.array(fc.integer({ min: -1, max: numSegments }), { minLength: numNodes, maxLength: numNodes }),
        seed: fc.integer({ min: 1, max: 2 ** 30 }),
      })
      .map(({ edges, repeats, ids, seed }): Drawn => {
        const all = [...edges, ...(edges.length === 0 ? [] : repeats.map((r) => edges[r % edges.length]!))];
        const graph = conformanceGraph('drawn', numNodes, all.map(([s]) => s), all.map(([, d]) => d), numSrc);
        return { graph, segments: { ids: Int32Array.from(ids), numSegments }, seed };
      });
  });

const backends = await availableBackends(['cpu', 'wasm']);

describe.each(backends)('GNN kernels on %s', (backend) => {
  it("match the float64 reference on drawn graphs, and free what they made (the backend's own kernels)", async () => {
    expect(await useBackend(backend)).toBeUndefined();
    expect(getBackend()).toBe(backend);
    expect(isCompositeKernel(SpMM, tf.getBackend())).toBe(false);
    await fc.assert(
      fc.asyncProperty(drawn, async ({ graph, segments, seed }) => {
        const before = tf.memory().numTensors;
        for (const c of kernelCases(graph, { seed, segments })) await c.run();
        expect(tf.memory().numTensors).toBe(before);
      }),
      fuzzParameters(60),
    );
  }, 180_000);
});
