/**
 * The benchmark graphs as stores: the CSC of a power-law graph built once
 * into a file (`FileGraphStore.build`, two passes over regenerated chunks,
 * cached under the OS temp folder) and opened on `SharedArrayBuffer`s, and
 * the synthetic features in an `InMemoryFeatureStore`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOMOGENEOUS_EDGE_TYPE, InMemoryFeatureStore } from '@gnnjs/core';
import { FileGraphStore } from '@gnnjs/sampling/node';
import { powerLawChunks, syntheticFeatures, type PowerLawShape } from './power_law.js';

export const CACHE_DIR = process.env['GNNJS_BENCH_CACHE'] ?? join(tmpdir(), 'gnnjs-bench');

/** The power-law graph's store (built on first use, then read from the cache file) and how long each step took. */
export async function powerLawStore(shape: PowerLawShape): Promise<{ store: FileGraphStore<'node'>; buildS: number | undefined; openS: number; path: string }> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const path = join(CACHE_DIR, `powerlaw-n${shape.numNodes}-e${shape.numEdges}-a${shape.alpha ?? 0.5}-o${shape.offset ?? 2}-s${shape.seed ?? 0}.csc`);
  let buildS: number | undefined;
  if (!existsSync(path)) {
    const t = performance.now();
    await FileGraphStore.build(path, { kind: 'homogeneous', numNodes: { node: shape.numNodes }, edges: [{ type: HOMOGENEOUS_EDGE_TYPE, chunks: () => powerLawChunks(shape) }] });
    buildS = (performance.now() - t) / 1000;
  }
  const t = performance.now();
  const store = FileGraphStore.open<'node'>(path, { shared: true });
  return { store, buildS, openS: (performance.now() - t) / 1000, path };
}

/** `x` [N, dim] and `y` (with `classes`) as a feature store. */
export function featureStore(numNodes: number, dim: number, classes: number): { store: InMemoryFeatureStore; seconds: number } {
  const t = performance.now();
  const { x, y } = syntheticFeatures(numNodes, dim, classes);
  const store = new InMemoryFeatureStore([
    { group: 'node', attr: 'x', array: { values: x, shape: [numNodes, dim], dtype: 'float32' } },
    { group: 'node', attr: 'y', array: { values: y, shape: [numNodes], dtype: 'int32' }, numClasses: classes },
  ]);
  return { store, seconds: (performance.now() - t) / 1000 };
}

/** Degree statistics of a CSC (in-degrees). */
export function degreeStats(colptr: Int32Array): { max: number; mean: number; median: number } {
  const n = colptr.length - 1;
  const d = new Int32Array(n);
  let max = 0;
  for (let v = 0; v < n; v++) {
    d[v] = colptr[v + 1]! - colptr[v]!;
    if (d[v]! > max) max = d[v]!;
  }
  d.sort();
  return { max, mean: colptr[n]! / n, median: d[n >> 1]! };
}
