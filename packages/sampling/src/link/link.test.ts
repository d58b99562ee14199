/** Link prediction: LinkNeighborLoader against PyG, negative sampling and RandomLinkSplit by their rules. */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Graph } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SamplingError } from '../errors.js';
import type { SampledHeteroGraph, SampledLinkGraph } from '../loader/sampled_graph.js';
import { rows2, smallGraph, smallHeteroGraph } from '../test_support/graphs.js';
import fixtures from '../testdata/pyg_sampling.json' with { type: 'json' };
import { LinkNeighborLoader } from './link_neighbor_loader.js';
import { negativeSampling } from './negative_sampling.js';
import { randomLinkSplit } from './random_link_split.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const pairsOf = (t: tf.Tensor2D): string[] => {
  const [r, c] = rows2(t);
  return r!.map((v, i) => `${v}-${c![i]}`);
};

describe('LinkNeighborLoader matches PyG', () => {
  for (const c of fixtures.link) {
    it(c.name, async () => {
      const graph = smallGraph();
      const input = c.edgeLabelIndexInput as [number[], number[]];
      const loader = new LinkNeighborLoader(graph, { numNeighbors: c.numNeighbors, edgeLabelIndex: input, batchSize: input[0].length });
      for await (const batch of loader) {
        const b = batch as SampledLinkGraph;
        expect(Array.from(b.nId)).toEqual(c.nId);
        expect(rows2(b.edgeIndex)).toEqual(c.edgeIndex);
        expect(Array.from(b.eId!)).toEqual(c.eId);
        expect(rows2(b.edgeLabelIndex!)).toEqual(c.edgeLabelIndex);
        expect(b.edgeLabel).toBeUndefined();
      }
      graph.dispose();
    });
  }
});

describe('LinkNeighborLoader negatives', () => {
  it('binary: positives keep their labels, negatives get 0, label edges map back to the right nodes', async () => {
    const graph = smallGraph();
    const loader = new LinkNeighborLoader(graph, { numNeighbors: [2], negSampling: { mode: 'binary', amount: 2 }, batchSize: 4, seed: 3, edgeLabel: Array.from({ length: 18 }, () => 1) });
    let batches = 0;
    for await (const batch of loader) {
      const b = batch as SampledLinkGraph;
      const positives = b.inputId.length;
      expect(b.batchSize).toBe(positives * 3);
      expect(Array.from(b.edgeLabel!.dataSync())).toEqual([...Array(positives).fill(1), ...Array(2 * positives).fill(0)]);
      const [r, c] = rows2(b.edgeLabelIndex!);
      const ei = rows2(graph.edgeIndex);
      b.inputId.forEach((p, i) => {
        expect(b.nId[r![i]!]).toBe(ei[0]![p]);
        expect(b.nId[c![i]!]).toBe(ei[1]![p]);
      });
      batches += 1;
    }
    expect(batches).toBe(5);
    graph.dispose();
  });

  it('triplet: one source, its positive destination and k negatives per label edge; disjoint trees per positive', async () => {
    const graph = smallGraph();
    const loader = new LinkNeighborLoader(graph, { numNeighbors: [1], negSampling: { mode: 'triplet', amount: 3 }, batchSize: 5, seed: 1, disjoint: true });
    for await (const batch of loader) {
      const b = batch as SampledLinkGraph;
      const p = b.inputId.length;
      expect(b.srcIndex!.shape).toEqual([p]);
      expect(b.dstNegIndex!.shape).toEqual([p, 3]);
      const neg = b.dstNegIndex!.arraySync() as number[][];
      const src = Array.from(b.srcIndex!.dataSync());
      neg.forEach((row, i) => row.forEach((local) => expect(b.batch![local]).toBe(b.batch![src[i]!])));
      expect(b.edgeLabelIndex).toBeUndefined();
    }
    graph.dispose();
  });

  it('heterogeneous label edges between two node types', async () => {
    const graph = smallHeteroGraph();
    const loader = new LinkNeighborLoader(graph, { numNeighbors: [-1], edgeLabelIndex: ['user__buys__item', [[0, 4], [3, 1]]], negSampling: 'binary', batchSize: 2, seed: 0 });
    for await (const batch of loader) {
      const b = batch as SampledHeteroGraph<'user' | 'item'>;
      const [r, c] = rows2(b.link!.edgeLabelIndex!);
      expect([b.nId.user[r![0]!], b.nId.item[c![0]!], b.nId.user[r![1]!], b.nId.item[c![1]!]]).toEqual([0, 3, 4, 1]);
      expect(Array.from(b.link!.edgeLabel!.dataSync())).toEqual([1, 1, 0, 0]);
    }
    expect(() => new LinkNeighborLoader(graph, { numNeighbors: [1], edgeLabelIndex: ['user__buys__item', [[5], [0]]] })).toThrow(/source 5 of label edge 0 is outside \[0, 5\)/);
    expect(() => new LinkNeighborLoader(graph, { numNeighbors: [1], edgeLabelIndex: 'user__buys__item', negSampling: { mode: 'triplet', amount: 1.5 } })).toThrow(SamplingError);
    graph.dispose();
  });
});

describe('negativeSampling', () => {
  const ring = tf.tensor2d([[0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 0]], undefined, 'int32');

  it('returns non-edges without self-loops, as many as asked when there are enough, with both methods', () => {
    for (const method of ['sparse', 'dense'] as const) {
      const neg = negativeSampling(ring, { numNodes: 6, numNegSamples: 10, method, seed: 5 });
      const pairs = pairsOf(neg);
      expect(pairs).toHaveLength(10);
      expect(new Set(pairs).size).toBe(10);
      for (const p of pairs) {
        const [a, b] = p.split('-').map(Number);
        expect(a).not.toBe(b);
        expect(pairsOf(ring)).not.toContain(p);
      }
      neg.dispose();
    }
  });

  it('forceUndirected gives pairs in both directions; bipartite pairs range over both sides; a complete graph has none', () => {
    const undirected = pairsOf(negativeSampling(ring, { numNodes: 6, numNegSamples: 8, forceUndirected: true, seed: 1 }));
    expect(undirected).toHaveLength(8);
    for (const p of undirected) expect(undirected).toContain(p.split('-').reverse().join('-'));
    const bip = negativeSampling([[0, 1], [0, 2]], { numNodes: [2, 3], numNegSamples: 4, seed: 2 });
    expect(pairsOf(bip).sort()).toEqual(['0-1', '0-2', '1-0', '1-1']);
    const complete = negativeSampling([[0, 1], [1, 0]], { numNodes: 2 });
    expect(complete.shape).toEqual([2, 0]);
    tf.dispose([bip, complete]);
  });
});

describe('randomLinkSplit', () => {
  it("splits as PyG: message edges train ⊂ val ⊂ test, label edges apart, negatives are non-edges", () => {
    const n = 30;
    const src: number[] = [];
    const dst: number[] = [];
    for (let i = 0; i < n; i++) {
      for (const d of [1, 2, 5]) {
        src.push(i);
        dst.push((i + d) % n);
      }
    }
    const graph = new Graph({ edgeIndex: [[...src, ...dst], [...dst, ...src]], x: tf.ones([n, 2]) }); // undirected: 90 pairs
    const { train, val, test } = randomLinkSplit(graph, { numVal: 0.1, numTest: 0.2, isUndirected: true, seed: 0 });
    // 90 pairs: 9 validation, 18 test, 63 training; message edges in both directions.
    expect(train.graph.numEdges).toBe(126);
    expect(val.graph.numEdges).toBe(126);
    expect(test.graph.numEdges).toBe(2 * (63 + 9));
    expect(train.edgeLabelIndex.shape).toEqual([2, 126]);
    expect(val.edgeLabelIndex.shape).toEqual([2, 18]);
    expect(test.edgeLabelIndex.shape).toEqual([2, 36]);
    const all = new Set(pairsOf(graph.edgeIndex));
    const labels = (s: typeof train): [string[], string[]] => {
      const pairs = pairsOf(s.edgeLabelIndex);
      const y = Array.from(s.edgeLabel.dataSync());
      return [pairs.filter((_, i) => y[i] === 1), pairs.filter((_, i) => y[i] === 0)];
    };
    const [valPos, valNeg] = labels(val);
    const [testPos] = labels(test);
    const trainMessages = new Set(pairsOf(train.graph.edgeIndex));
    for (const p of valPos) expect(trainMessages.has(p)).toBe(false);
    for (const p of testPos) expect(new Set(pairsOf(val.graph.edgeIndex)).has(p)).toBe(false);
    for (const p of valNeg) expect(all.has(p)).toBe(false);
    expect(new Set(pairsOf(test.graph.edgeIndex))).toEqual(new Set([...trainMessages, ...valPos, ...valPos.map((p) => p.split('-').reverse().join('-'))]));
    const before = tf.memory().numTensors;
    for (const s of [train, val, test]) s.dispose();
    expect(tf.memory().numTensors).toBe(before - 3 * 3 - 3); // edgeIndex, label index, labels per split and each x clone
    graph.dispose();
  });
});
