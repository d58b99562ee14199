import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DENSE_EIGEN_LIMIT, GnnError, ShapeError, laplacianEigenvectorPE, randomWalkPE, symmetricEigen } from '@gnnjs/core';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const edges = (pairs: readonly (readonly [number, number])[]) =>
  tf.tensor2d([pairs.map((p) => p[0]), pairs.map((p) => p[1])], [2, pairs.length], 'int32');
const undirected = (pairs: readonly (readonly [number, number])[]) => edges(pairs.flatMap(([a, b]) => [[a, b], [b, a]] as const));
const rounded = (t: tf.Tensor, digits = 6) => (t.arraySync() as number[][]).map((row) => row.map((v) => Number(v.toFixed(digits))));

describe('randomWalkPE', () => {
  it('gives the return probabilities of 1..K-step walks (4-cycle: 0, 1/2, 0, 1/2)', () => {
    const pe = randomWalkPE(undirected([[0, 1], [1, 2], [2, 3], [3, 0]]), { walkLength: 4 });
    expect(rounded(pe)).toEqual(Array.from({ length: 4 }, () => [0, 0.5, 0, 0.5]));
  });

  it("counts a duplicate edge in the degree but writes it once (PyG's dense rule); a self-loop is an ordinary entry; an isolated node stays 0", () => {
    // 0 → 1 twice and 1 → 0: P[0, 1] = 1/2 (not 1), so a 2-step walk from 0 returns with 1/2.
    const pe = randomWalkPE(edges([[0, 1], [0, 1], [1, 0], [2, 2]]), { walkLength: 2, numNodes: 4 });
    expect(rounded(pe)).toEqual([[0, 0.5], [0, 0.5], [1, 1], [0, 0]]);
  });

  it('refuses a bad walk length', () => {
    expect(() => randomWalkPE(undirected([[0, 1]]), { walkLength: 0 })).toThrow(ShapeError);
  });
});

describe('laplacianEigenvectorPE', () => {
  it('path of 3 nodes: eigenvalues 1 and 2, each column signed by its first largest entry', () => {
    const { pe, eigenvalues } = laplacianEigenvectorPE(undirected([[0, 1], [1, 2]]), { k: 2 });
    expect(Array.from(eigenvalues).map((v) => Number(v.toFixed(12)))).toEqual([1, 2]);
    const s = Math.SQRT1_2;
    expect(rounded(pe)).toEqual([
      [Number(s.toFixed(6)), -0.5],
      [0, Number(s.toFixed(6))],
      [-Number(s.toFixed(6)), -0.5],
    ]);
  });

  it('refuses a directed graph unless told it is undirected, and k outside [1, N-1]', () => {
    expect(() => laplacianEigenvectorPE(edges([[0, 1], [1, 2]]), { k: 1 })).toThrow(GnnError);
    expect(() => laplacianEigenvectorPE(edges([[0, 1], [1, 2]]), { k: 1 })).toThrow(/undirected/);
    expect(() => laplacianEigenvectorPE(undirected([[0, 1], [1, 2]]), { k: 3 })).toThrow(ShapeError);
  });

  it(`agrees with the dense solver above ${DENSE_EIGEN_LIMIT} nodes, where the sparse path runs`, () => {
    const n = DENSE_EIGEN_LIMIT + 44;
    let s = 3;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pairs: [number, number][] = [];
    for (let i = 0; i < n; i++) pairs.push([i, (i + 1) % n]);
    for (let e = 0; e < n; e++) {
      const a = Math.floor(rand() * n);
      const b = Math.floor(rand() * n);
      if (a !== b) pairs.push([a, b]);
    }
    const edgeIndex = undirected(pairs);
    const k = 4;
    const { pe, eigenvalues } = laplacianEigenvectorPE(edgeIndex, { k, isUndirected: true });
    // The same Laplacian, dense.
    const degree = new Float64Array(n);
    const l = new Float64Array(n * n);
    const [row, col] = edgeIndex.arraySync() as number[][];
    row!.forEach((i) => (degree[i]! += 1));
    row!.forEach((i, e) => (l[i * n + col![e]!]! -= 1 / Math.sqrt(degree[i]! * degree[col![e]!]!)));
    for (let i = 0; i < n; i++) l[i * n + i] = 1;
    const dense = symmetricEigen(l, n);
    const ours = pe.arraySync() as number[][];
    for (let c = 0; c < k; c++) {
      expect(eigenvalues[c]).toBeCloseTo(dense.values[c + 1]!, 9);
      // |⟨ours, theirs⟩| = 1: the same unit vector up to sign (the eigenvalues are simple here).
      let d = 0;
      for (let i = 0; i < n; i++) d += ours[i]![c]! * dense.vectors[i * n + c + 1]!;
      expect(Math.abs(d)).toBeCloseTo(1, 5);
    }
  });
});
