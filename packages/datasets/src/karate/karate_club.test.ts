import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/backend.js';
import { KarateClub } from './karate_club.js';

beforeAll(useCpuBackend);

describe('KarateClub', () => {
  it("matches PyG's KarateClub", () => {
    const g = KarateClub.load();
    expect([g.numNodes, g.numEdges, g.numFeatures, g.numClasses]).toEqual([34, 156, 34, 4]);
    expect(Array.from(g.x.dataSync())).toEqual(Array.from(tf.tidy(() => tf.eye(34).dataSync())));
    const train = Array.from(g.trainMask.dataSync()).flatMap((t, i) => (t ? [i] : []));
    expect(train).toEqual([0, 4, 8, 24]);
    const y = g.y.dataSync();
    expect(new Set(train.map((i) => y[i])).size).toBe(4);
    const ei = g.edgeIndex.arraySync();
    expect([ei[0]![0], ei[1]![0], ei[0]![155], ei[1]![155]]).toEqual([0, 1, 33, 32]);
    // Symmetric: every edge has its reverse.
    const set = new Set(ei[0]!.map((s, e) => `${s},${ei[1]![e]}`));
    expect(ei[0]!.every((s, e) => set.has(`${ei[1]![e]},${s}`))).toBe(true);
    g.dispose();
  });
});
