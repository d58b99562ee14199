import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { useCpuBackend } from '../testing/backend.js';
import { barabasiAlbertEdges, barabasiAlbertGraph } from './barabasi_albert.js';
import { erdosRenyiEdges, erdosRenyiGraph } from './erdos_renyi.js';
import { randomEdges, randomGraph } from './random_graph.js';
import { stochasticBlockModel, stochasticBlockModelData } from './stochastic_block_model.js';

beforeAll(useCpuBackend);

function pairs(edgeIndex: Int32Array): [number, number][] {
  const e = edgeIndex.length / 2;
  return Array.from({ length: e }, (_, k) => [edgeIndex[k]!, edgeIndex[e + k]!]);
}

function expectCoalescedSymmetric(edgeIndex: Int32Array): void {
  const list = pairs(edgeIndex);
  const keys = list.map(([s, d]) => `${s},${d}`);
  const set = new Set(keys);
  expect(set.size).toBe(list.length);
  expect(list.every(([s, d]) => s !== d && set.has(`${d},${s}`))).toBe(true);
  expect(list.every(([s, d], k) => k === 0 || list[k - 1]![0] < s || (list[k - 1]![0] === s && list[k - 1]![1] < d))).toBe(true);
}

describe('erdosRenyiGraph', () => {
  it('is seeded, reproducible, symmetric and about p·N(N−1) edges', () => {
    const a = erdosRenyiEdges(2000, { edgeProb: 0.01, seed: 1 });
    expect(a).toEqual(erdosRenyiEdges(2000, { edgeProb: 0.01, seed: 1 }));
    expect(a).not.toEqual(erdosRenyiEdges(2000, { edgeProb: 0.01, seed: 2 }));
    expectCoalescedSymmetric(a);
    const expected = 0.01 * 2000 * 1999; // directed entries
    expect(Math.abs(a.length / 2 - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('directed G(n, p) covers ordered pairs without loops; p = 0 and 1 are exact', () => {
    const d = erdosRenyiEdges(500, { edgeProb: 0.02, directed: true, seed: 3 });
    const list = pairs(d);
    expect(list.every(([s, t]) => s !== t && s < 500 && t < 500)).toBe(true);
    expect(Math.abs(list.length - 0.02 * 500 * 499)).toBeLessThan(4 * Math.sqrt(0.02 * 500 * 499));
    expect(erdosRenyiEdges(30, { edgeProb: 0 }).length).toBe(0);
    expect(erdosRenyiEdges(30, { edgeProb: 1 }).length / 2).toBe(30 * 29);
    expect(erdosRenyiEdges(30, { edgeProb: 1, directed: true }).length / 2).toBe(30 * 29);
  });

  it('G(n, m) gives exactly m pairs', () => {
    const g = erdosRenyiGraph(100, { numEdges: 250, seed: 5 });
    expect(g.numEdges).toBe(500);
    expectCoalescedSymmetric(g.edgeIndex.dataSync() as Int32Array);
    g.dispose();
    expect(erdosRenyiEdges(100, { numEdges: 250, directed: true }).length / 2).toBe(250);
    expect(() => erdosRenyiEdges(4, { numEdges: 7 })).toThrow(DatasetError);
    expect(() => erdosRenyiEdges(4, {})).toThrow(/exactly one of edgeProb and numEdges/);
  });

  it('stays O(E) on a large sparse graph', () => {
    const start = performance.now();
    const e = erdosRenyiEdges(1_000_000, { edgeProb: 2e-6, seed: 9, directed: true });
    expect(e.length / 2).toBeGreaterThan(1_900_000);
    expect(performance.now() - start).toBeLessThan(5000);
  });
});

describe('barabasiAlbertGraph', () => {
  it('is seeded, symmetric, with a heavy-tailed degree', () => {
    const e = barabasiAlbertEdges(2000, 3, { seed: 1 });
    expect(e).toEqual(barabasiAlbertEdges(2000, 3, { seed: 1 }));
    expectCoalescedSymmetric(e);
    const deg = new Int32Array(2000);
    for (let k = 0; k < e.length / 2; k++) deg[e[k]!]!++;
    expect(Math.min(...deg)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...deg)).toBeGreaterThan(40); // hubs emerge; mean degree is about 6
    const g = barabasiAlbertGraph(50, 2, { seed: 2 });
    expect(g.numNodes).toBe(50);
    g.dispose();
    expect(() => barabasiAlbertEdges(3, 3)).toThrow(DatasetError);
  });
});

describe('stochasticBlockModel', () => {
  it('has dense blocks, sparse cuts, class features and disjoint masks', () => {
    const data = stochasticBlockModelData({ blockSizes: [60, 60, 80], pIn: 0.2, pOut: 0.01, numFeatures: 8, featureNoise: 0.5, seed: 4 });
    expect([data.numNodes, data.numClasses, data.numFeatures]).toEqual([200, 3, 8]);
    expectCoalescedSymmetric(data.edgeIndex);
    const list = pairs(data.edgeIndex);
    const inside = list.filter(([s, d]) => data.y[s] === data.y[d]).length;
    expect(inside / list.length).toBeGreaterThan(0.8);
    // Nearest class mean recovers most labels.
    const means = new Float64Array(3 * 8);
    const counts = [60, 60, 80];
    for (let i = 0; i < 200; i++) for (let f = 0; f < 8; f++) means[data.y[i]! * 8 + f]! += data.x[i * 8 + f]! / counts[data.y[i]!]!;
    let correct = 0;
    for (let i = 0; i < 200; i++) {
      const dist = [0, 1, 2].map((c) => Array.from({ length: 8 }, (_, f) => (data.x[i * 8 + f]! - means[c * 8 + f]!) ** 2).reduce((a, b) => a + b));
      if (dist.indexOf(Math.min(...dist)) === data.y[i]) correct++;
    }
    expect(correct).toBeGreaterThan(180);
    const trainPerClass = [0, 0, 0];
    for (let i = 0; i < 200; i++) {
      expect(data.trainMask[i]! + data.valMask[i]! + data.testMask[i]!).toBe(1);
      if (data.trainMask[i]) trainPerClass[data.y[i]!]!++;
    }
    expect(trainPerClass).toEqual([12, 12, 12]);
    const g = stochasticBlockModel({ blockSizes: [10, 10], pIn: 0.5, pOut: 0.05, seed: 1 });
    expect([g.numClasses, g.x!.shape[1]]).toEqual([2, 16]);
    g.dispose();
  });
});

describe('randomGraph', () => {
  it('draws E = 10·N edges in O(E), seeded', () => {
    expect(randomEdges(100, 1000, 3)).toEqual(randomEdges(100, 1000, 3));
    const start = performance.now();
    const e = randomEdges(200_000, 2_000_000, 1);
    expect(e.length).toBe(4_000_000);
    expect(e.every((v) => v >= 0 && v < 200_000)).toBe(true);
    expect(performance.now() - start).toBeLessThan(5000);
    const before = tf.memory().numTensors;
    const g = randomGraph(1000, 10_000, { numFeatures: 4, seed: 2 });
    expect([g.numNodes, g.numEdges, g.numFeatures]).toEqual([1000, 10_000, 4]);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
