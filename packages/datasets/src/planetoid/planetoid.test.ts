import * as tf from '@tensorflow/tfjs-core';
import { Graph } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/backend.js';
import { PLANETOID_MIRROR } from '../testing/paths.js';
import { NormalizeFeatures } from '../transforms/normalize_features.js';
import { Planetoid } from './planetoid.js';

beforeAll(useCpuBackend);

const count = (mask: tf.Tensor): number => (mask.dataSync() as Uint8Array).reduce((a, b) => a + b, 0);

describe('Planetoid.load', () => {
  it('gives a Graph with PyG statistics and no leaks', async () => {
    const before = tf.memory().numTensors;
    const cora = await Planetoid.load('Cora', { mirror: PLANETOID_MIRROR, cache: false });
    expect(cora).toBeInstanceOf(Graph);
    expect([cora.numNodes, cora.numEdges, cora.numFeatures, cora.numClasses]).toEqual([2708, 10556, 1433, 7]);
    expect(cora.x.shape).toEqual([2708, 1433]);
    expect(cora.edgeIndex.dtype).toBe('int32');
    expect(cora.y.dtype).toBe('int32');
    expect(cora.trainMask.dtype).toBe('bool');
    expect([count(cora.trainMask), count(cora.valMask), count(cora.testMask)]).toEqual([140, 500, 1000]);
    expect(tf.tidy(() => tf.sum(cora.x).dataSync()[0])).toBe(49216);
    cora.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('applies a transform and frees the untransformed graph', async () => {
    const before = tf.memory().numTensors;
    const cora = await Planetoid.load('cora', { mirror: PLANETOID_MIRROR, cache: false, transform: new NormalizeFeatures() });
    const rowSums = tf.tidy(() => tf.sum(cora.x, 1).dataSync());
    // Cora has no empty rows: every row of the normalised x sums to 1.
    expect(rowSums.every((s) => Math.abs(s - 1) < 1e-5)).toBe(true);
    cora.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("supports split: 'full' and a seeded split: 'random'", async () => {
    const full = await Planetoid.loadData('Cora', { mirror: PLANETOID_MIRROR, cache: false, split: 'full' });
    expect(full.trainMask.reduce((a, b) => a + b, 0)).toBe(2708 - 1500);
    expect(full.trainMask.some((t, i) => t === 1 && (full.valMask[i] === 1 || full.testMask[i] === 1))).toBe(false);

    const a = await Planetoid.loadData('Cora', { mirror: PLANETOID_MIRROR, cache: false, split: 'random', seed: 3 });
    const b = await Planetoid.loadData('Cora', { mirror: PLANETOID_MIRROR, cache: false, split: 'random', seed: 3 });
    const c = await Planetoid.loadData('Cora', { mirror: PLANETOID_MIRROR, cache: false, split: 'random', seed: 4 });
    expect(a.trainMask).toEqual(b.trainMask);
    expect(a.trainMask).not.toEqual(c.trainMask);
    const perClass = new Array<number>(7).fill(0);
    a.trainMask.forEach((t, i) => t && perClass[a.y[i]!]!++);
    expect(perClass).toEqual(new Array(7).fill(20));
    expect([a.valMask.reduce((s, v) => s + v, 0), a.testMask.reduce((s, v) => s + v, 0)]).toEqual([500, 1000]);
    a.valMask.forEach((v, i) => {
      if (v && (a.trainMask[i] || a.testMask[i])) throw new Error(`node ${i} is in two splits`);
    });
  });

  it('row-normalises CiteSeer like PyG, keeping its 15 empty rows at 0', async () => {
    const citeseer = await Planetoid.load('CiteSeer', { mirror: PLANETOID_MIRROR, cache: false, transform: new NormalizeFeatures() });
    const rowSums = tf.tidy(() => tf.sum(citeseer.x, 1).dataSync());
    expect(rowSums.filter((s) => s === 0).length).toBe(15);
    expect(rowSums.filter((s) => Math.abs(s - 1) < 1e-5).length).toBe(3312);
    expect(tf.tidy(() => tf.sum(citeseer.x).dataSync()[0])).toBeCloseTo(3312, 2);
    citeseer.dispose();
  });
});
