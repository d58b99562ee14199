/**
 * The loaders against PyG 2.6.1's own NeighborLoader on small graphs with
 * deterministic fan-outs (`testdata/pyg_sampling.py`): the same nodes in the
 * same order, the same edges, edge ids, features and disjoint batch vectors.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { smallGraph, smallHeteroGraph, rows2 } from '../test_support/graphs.js';
import fixtures from '../testdata/pyg_sampling.json' with { type: 'json' };
import { NeighborLoader } from './neighbor_loader.js';
import type { SampledHeteroGraph } from './sampled_graph.js';
import type { SubgraphType, TemporalStrategy } from '../sampler/neighbor_sample.js';

interface PygOptions {
  subgraph_type?: string;
  disjoint?: boolean;
  temporal_strategy?: string;
}

function loaderOptions(o: PygOptions): { subgraphType?: SubgraphType; disjoint?: boolean; temporalStrategy?: TemporalStrategy } {
  return {
    ...(o.subgraph_type === undefined ? {} : { subgraphType: o.subgraph_type as SubgraphType }),
    ...(o.disjoint === undefined ? {} : { disjoint: o.disjoint }),
    ...(o.temporal_strategy === undefined ? {} : { temporalStrategy: o.temporal_strategy as TemporalStrategy }),
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('NeighborLoader matches PyG on a homogeneous graph', () => {
  for (const c of fixtures.homogeneous) {
    it(c.name, async () => {
      const graph = smallGraph();
      const loader = new NeighborLoader(graph, { numNeighbors: c.numNeighbors, inputNodes: c.seeds, batchSize: c.seeds.length, ...loaderOptions(c.options) });
      const before = tf.memory().numTensors;
      let seen = 0;
      for await (const batch of loader) {
        seen += 1;
        expect(Array.from(batch.nId)).toEqual(c.nId);
        expect(batch.batchSize).toBe(c.batchSize);
        expect(rows2(batch.edgeIndex)).toEqual(c.edgeIndex);
        expect(Array.from(batch.x!.dataSync())).toEqual(c.x);
        if (c.options.subgraph_type === 'bidirectional') {
          // PyG keeps an arbitrary id for an edge sampled in both directions: check each id names this edge or its reverse.
          const [r, col] = c.edgeIndex as [number[], number[]];
          batch.eId!.forEach((e, k) => {
            const ends = [graph.edgeIndex.arraySync()[0]![e], graph.edgeIndex.arraySync()[1]![e]].sort();
            expect(ends).toEqual([c.nId[r[k]!], c.nId[col[k]!]].sort());
          });
        } else {
          expect(Array.from(batch.eId!)).toEqual(c.eId);
          expect(Array.from(batch.edgeAttr!.dataSync())).toEqual(c.edgeAttr);
        }
        if ('batch' in c) expect(Array.from(batch.batch!)).toEqual(c.batch);
        if ('numSampledNodes' in c && c.options.subgraph_type !== 'bidirectional') {
          expect(batch.numSampledNodes).toEqual(c.numSampledNodes);
          if (c.options.subgraph_type !== 'induced') expect(batch.numSampledEdges).toEqual(c.numSampledEdges);
        }
      }
      expect(seen).toBe(1);
      expect(tf.memory().numTensors).toBe(before); // the loader disposed the batch
      graph.dispose();
    });
  }
});

describe('NeighborLoader matches PyG on a heterogeneous graph', () => {
  for (const c of fixtures.heterogeneous) {
    it(c.name, async () => {
      const graph = smallHeteroGraph(c.temporal);
      const loader = new NeighborLoader(graph, {
        numNeighbors: c.numNeighbors,
        inputNodes: ['user', c.seeds],
        batchSize: c.seeds.length,
        ...(c.temporal ? { timeAttr: 'time' as const } : {}),
        ...loaderOptions(c.options),
      });
      for await (const batch of loader) {
        const b = batch as SampledHeteroGraph<'user' | 'item'>;
        expect(b.batchSize).toBe(c.batchSize);
        expect(b.inputType).toBe('user');
        for (const t of ['user', 'item'] as const) {
          expect(Array.from(b.nId[t])).toEqual(c.nId[t]);
          expect(Array.from(b.node(t).x!.dataSync())).toEqual(c.x[t]);
          if ('batch' in c) expect(Array.from(b.batch![t])).toEqual((c.batch as Record<string, number[]>)[t]);
        }
        for (const [key, ei] of Object.entries(c.edgeIndex)) {
          expect(rows2(b.edge(key as `${"user" | "item"}__${string}__${"user" | "item"}`).edgeIndex)).toEqual(ei);
          const eId = (c.eId as Record<string, number[]>)[key];
          if (eId === undefined) expect(b.eId[key as keyof typeof b.eId]).toBeUndefined();
          else expect(Array.from(b.eId[key as keyof typeof b.eId]!)).toEqual(eId);
        }
      }
      graph.dispose();
    });
  }
});
