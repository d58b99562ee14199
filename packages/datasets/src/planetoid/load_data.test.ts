import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANETOID_MIRROR, tempDir } from '../testing/paths.js';
import { loadPlanetoidData } from './load_data.js';
import type { PlanetoidData } from './planetoid_data.js';

// Expected values computed independently with a pure-Python port of PyG 2.6's
// read_planetoid_data (pickle + argmax + remove_self_loops + coalesce); the edge
// facts (order included: sorted by target, then source, as PyG's
// coalesce(sort_by_row=False) leaves them) from PyG 2.6.1's own
// read_planetoid_data under torch 1.13 (scripts/pyg_planetoid_edges.py).
const EXPECTED = {
  Cora: {
    numNodes: 2708, numEdges: 10556, numFeatures: 1433, numClasses: 7,
    featureSum: 49216, weightedFeatureSum: 12764670, zeroRows: 0,
    classCounts: [351, 217, 418, 818, 426, 298, 180], weightedLabelSum: 10506393,
    first5: [[633, 0], [1862, 0], [2582, 0], [2, 1], [652, 1]],
    last5: [[2707, 2706], [165, 2707], [598, 2707], [1473, 2707], [2706, 2707]],
    weightedSrc: 73032130927, weightedDst: 97019508369,
    train: [0, 140], val: [140, 640], testFirst: [1708, 1709, 1710, 1711, 1712], testLast: 2707,
    yFirst10: [3, 4, 4, 0, 3, 2, 0, 3, 3, 2],
  },
  CiteSeer: {
    numNodes: 3327, numEdges: 9104, numFeatures: 3703, numClasses: 6,
    featureSum: 105165, weightedFeatureSum: 29667742, zeroRows: 15,
    classCounts: [264, 590, 668, 701, 596, 508], weightedLabelSum: 14890602,
    first5: [[628, 0], [158, 1], [486, 1], [1097, 1], [2919, 1]],
    last5: [[131, 3324], [268, 3324], [2820, 3324], [1643, 3325], [33, 3326]],
    weightedSrc: 66893408035, weightedDst: 90151957786,
    train: [0, 120], val: [120, 620], testFirst: [2312, 2313, 2314, 2315, 2316], testLast: 3326,
    yFirst10: [3, 1, 5, 5, 3, 1, 3, 0, 3, 5],
  },
} as const;

function edges(data: PlanetoidData, from: number, to: number): number[][] {
  const out: number[][] = [];
  for (let e = from; e < to; e++) out.push([data.edgeIndex[e]!, data.edgeIndex[data.numEdges + e]!]);
  return out;
}

function indices(mask: Uint8Array): number[] {
  const out: number[] = [];
  mask.forEach((v, i) => v && out.push(i));
  return out;
}

let root: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  root = await tempDir('planetoid');
});
afterAll(async () => {
  await root.cleanup();
});

describe.each(['Cora', 'CiteSeer'] as const)('%s from the local mirror', (name) => {
  const want = EXPECTED[name];
  let data: PlanetoidData;
  beforeAll(async () => {
    data = await loadPlanetoidData(name.toUpperCase(), { mirror: PLANETOID_MIRROR, root: root.dir });
  });

  it('has PyG statistics', () => {
    expect([data.name, data.numNodes, data.numEdges, data.numFeatures, data.numClasses]).toEqual([
      name, want.numNodes, want.numEdges, want.numFeatures, want.numClasses,
    ]);
    expect(data.x.length).toBe(want.numNodes * want.numFeatures);
    expect(data.edgeIndex.length).toBe(2 * want.numEdges);
  });

  it('has PyG features', () => {
    let sum = 0;
    let weighted = 0;
    let zeroRows = 0;
    for (let i = 0; i < data.numNodes; i++) {
      let row = 0;
      let rowWeighted = 0;
      for (let j = 0; j < data.numFeatures; j++) {
        const v = data.x[i * data.numFeatures + j]!;
        row += v;
        rowWeighted += (j % 13) * v;
      }
      sum += row;
      weighted += (i % 97) * rowWeighted;
      if (row === 0) zeroRows++;
    }
    expect(sum).toBe(want.featureSum);
    expect(weighted).toBe(want.weightedFeatureSum);
    expect(zeroRows).toBe(want.zeroRows);
  });

  it('has PyG labels', () => {
    const counts = new Array<number>(data.numClasses).fill(0);
    let weighted = 0;
    data.y.forEach((c, i) => {
      counts[c]!++;
      weighted += i * c;
    });
    expect(counts).toEqual(want.classCounts);
    expect(weighted).toBe(want.weightedLabelSum);
    expect(Array.from(data.y.subarray(0, 10))).toEqual(want.yFirst10);
  });

  it("has PyG's edges in PyG's order: coalesced by target, then source, no self-loops", () => {
    expect(edges(data, 0, 5)).toEqual(want.first5);
    expect(edges(data, data.numEdges - 5, data.numEdges)).toEqual(want.last5);
    let [weightedSrc, weightedDst] = [0, 0];
    const bad: number[] = [];
    for (let e = 0; e < data.numEdges; e++) {
      const [s, t] = [data.edgeIndex[e]!, data.edgeIndex[data.numEdges + e]!];
      const [ps, pt] = e === 0 ? [-1, -1] : [data.edgeIndex[e - 1]!, data.edgeIndex[data.numEdges + e - 1]!];
      if (s === t || !(pt < t || (pt === t && ps < s))) bad.push(e);
      weightedSrc += (e + 1) * s;
      weightedDst += (e + 1) * t;
    }
    expect(bad).toEqual([]);
    expect([weightedSrc, weightedDst]).toEqual([want.weightedSrc, want.weightedDst]);
  });

  it('has the public split', () => {
    const train = indices(data.trainMask);
    const val = indices(data.valMask);
    const test = indices(data.testMask);
    expect([train.length, train[0], train.at(-1)! + 1]).toEqual([want.train[1], ...want.train]);
    expect([val.length, val[0], val.at(-1)! + 1]).toEqual([500, ...want.val]);
    expect(test.length).toBe(1000);
    expect(test.slice(0, 5)).toEqual(want.testFirst);
    expect(test.at(-1)).toBe(want.testLast);
  });

  it('left exactly the verified raw files in the cache', async () => {
    const files = await readdir(join(root.dir, name, 'raw'));
    expect(files.sort()).toEqual(
      ['allx', 'ally', 'graph', 'test.index', 'tx', 'ty', 'x', 'y'].map((p) => `ind.${name.toLowerCase()}.${p}`).sort(),
    );
  });
});
