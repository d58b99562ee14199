import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { listFiles } from '../testing/mirror_copy.js';
import { tempDir } from '../testing/paths.js';
import { oneHot, pickleAdjacency, pickleCsrMatrix, pickleNdArray } from '@gnnjs/io/testing';
import { PLANETOID_CHECKSUMS } from './checksums.js';
import { loadPlanetoidData } from './load_data.js';

// A 30-node stand-in for PubMed, with PubMed's structure (float64 TF-IDF-like
// features, no checksums): 6 labelled nodes, 20 in allx, 10 test nodes listed
// in reverse order, a self-loop and a duplicate edge in the adjacency dict.
const F = 4;
const C = 3;
const ALL = 20;
const TEST = 10;
const featureRow = (node: number): number[] => Array.from({ length: F }, (_, j) => ((node * 7 + j) % 5) * 0.25);
const labelOf = (node: number): number => node % C;
const testIndex = Array.from({ length: TEST }, (_, i) => ALL + TEST - 1 - i); // 29, 28, ..., 20

function files(): Record<string, Uint8Array> {
  const rows = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => featureRow(from + i)).flat();
  const labels = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => labelOf(from + i));
  const adjacency = new Map<number, number[]>();
  for (let v = 0; v < ALL + TEST; v++) adjacency.set(v, [(v + 1) % (ALL + TEST), (v + 2) % (ALL + TEST)]);
  adjacency.get(3)!.push(3, 4); // a self-loop and a duplicate of 3 → 4
  return {
    'ind.pubmed.x': pickleCsrMatrix(6, F, rows(0, 6), 'f8'),
    'ind.pubmed.allx': pickleCsrMatrix(ALL, F, rows(0, ALL), 'f8'),
    'ind.pubmed.tx': pickleCsrMatrix(TEST, F, rows(ALL, TEST), 'f8'),
    'ind.pubmed.y': pickleNdArray([6, C], 'i8', oneHot(labels(0, 6), C)),
    'ind.pubmed.ally': pickleNdArray([ALL, C], 'i8', oneHot(labels(0, ALL), C)),
    'ind.pubmed.ty': pickleNdArray([TEST, C], 'f8', oneHot(labels(ALL, TEST), C)),
    'ind.pubmed.graph': pickleAdjacency(adjacency),
    'ind.pubmed.test.index': new TextEncoder().encode(testIndex.join('\n') + '\n'),
  };
}

let tmp: { dir: string; cleanup: () => Promise<void> };
let mirror: string;
beforeAll(async () => {
  tmp = await tempDir('pubmed');
  mirror = join(tmp.dir, 'mirror');
  await mkdir(mirror);
  for (const [file, bytes] of Object.entries(files())) await writeFile(join(mirror, file), bytes);
});
afterAll(async () => {
  await tmp.cleanup();
});

describe('PubMed code path (generated pickles, structure checks only)', () => {
  it('has no checksums in the table', () => {
    expect(Object.entries(PLANETOID_CHECKSUMS).filter(([f]) => f.startsWith('ind.pubmed.')).map(([, c]) => c)).toEqual(
      new Array(8).fill(null),
    );
  });

  it('loads with PyG processing', async () => {
    const root = join(tmp.dir, 'cache');
    const data = await loadPlanetoidData('pubmed', { mirror, root });
    expect([data.name, data.numNodes, data.numFeatures, data.numClasses]).toEqual(['PubMed', 30, F, C]);
    // x[test_index[i]] = x_cat[sorted_test_index[i]]: node 29 - i gets tx row i (node 20 + i's features).
    for (let i = 0; i < TEST; i++) {
      expect(Array.from(data.x.subarray((29 - i) * F, (30 - i) * F))).toEqual(featureRow(ALL + i));
      expect(data.y[29 - i]).toBe(labelOf(ALL + i));
    }
    expect(Array.from(data.x.subarray(5 * F, 6 * F))).toEqual(featureRow(5));
    // 2 edges per node, the self-loop dropped, the duplicate merged.
    expect(data.numEdges).toBe(60);
    // Sorted by target, then source (PyG's coalesce with sort_by_row=False): v → v+1, v+2 (mod 30).
    expect(Array.from(data.edgeIndex.subarray(0, 8))).toEqual([28, 29, 0, 29, 0, 1, 1, 2]);
    expect(Array.from(data.edgeIndex.subarray(60, 68))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect([...data.trainMask].reduce((a, b) => a + b)).toBe(6);
    expect([...data.valMask].reduce((a, b) => a + b)).toBe(24); // val = range(6, 506) clipped to the 30 nodes
    expect([...data.testMask].reduce((a, b) => a + b)).toBe(10);
    expect((await listFiles(join(root, 'PubMed', 'raw'))).length).toBe(8);
  });

  it('refuses a structurally broken file and caches nothing', async () => {
    const broken = join(tmp.dir, 'broken');
    await mkdir(broken);
    for (const [file, bytes] of Object.entries(files())) {
      await writeFile(join(broken, file), file === 'ind.pubmed.tx' ? bytes.subarray(0, bytes.length - 3) : bytes);
    }
    const root = join(tmp.dir, 'cache2');
    const error = await loadPlanetoidData('PubMed', { mirror: broken, root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).file).toBe('ind.pubmed.tx');
    expect(await listFiles(root)).toEqual([]);
  });
});
