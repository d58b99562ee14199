import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Batch } from '@gnnjs/core';
import { DatasetError } from '../errors.js';
import { pathPairDistance, pathPairLayouts } from './path_pair_distance.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('pathPairDistance', () => {
  it('keeps the marked nodes 5 steps from the ends and from each other, labels "far" by the middle distance, balanced', () => {
    const layouts = pathPairLayouts({ numGraphs: 2000, seed: 3 });
    let far = 0;
    for (const { numNodes: n, marked: [a, b], label, threshold } of layouts) {
      expect(n).toBeGreaterThanOrEqual(24);
      expect(n).toBeLessThanOrEqual(32);
      expect(Math.min(a, n - 1 - a, b, n - 1 - b)).toBeGreaterThanOrEqual(5);
      expect(b - a).toBeGreaterThanOrEqual(5);
      expect(label).toBe(b - a >= threshold ? 1 : 0);
      far += label;
    }
    expect(far / layouts.length).toBeGreaterThan(0.45);
    expect(far / layouts.length).toBeLessThan(0.55);
    expect(pathPairLayouts({ numGraphs: 5, seed: 3 })).toEqual(layouts.slice(0, 5));
  });

  it('builds paths with (marked, 1) features and a graph-level label that batch into one row per graph', () => {
    const graphs = pathPairDistance({ numGraphs: 3, minNodes: 20, maxNodes: 20, seed: 1 });
    const [layout] = pathPairLayouts({ numGraphs: 1, minNodes: 20, maxNodes: 20, seed: 1 });
    const g = graphs[0]!;
    expect(g.numNodes).toBe(20);
    expect(g.numEdges).toBe(38);
    const x = g.x!.arraySync() as number[][];
    expect(x.flatMap((row, i) => (row[0] === 1 ? [i] : []))).toEqual([...layout!.marked]);
    expect(x.every((row) => row[1] === 1)).toBe(true);
    const batch = Batch.fromGraphs(graphs);
    expect(batch.y!.shape).toEqual([3]);
    [...graphs, batch].forEach((h) => h.dispose());
  });

  it('refuses sizes that leave no room for the margins', () => {
    expect(() => pathPairLayouts({ numGraphs: 1, minNodes: 12 })).toThrow(DatasetError);
  });
});
