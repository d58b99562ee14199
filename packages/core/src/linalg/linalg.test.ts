import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalSigns, lowestEigenpairs, symmetricEigen } from '@gnnjs/core';

/** A random symmetric matrix, row-major, from a list of lower-triangle values. */
const symmetric = (max: number) =>
  fc.integer({ min: 1, max }).chain((n) =>
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: (n * (n + 1)) / 2, maxLength: (n * (n + 1)) / 2 }).map((lower) => {
      const a = new Float64Array(n * n);
      let t = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = lower[t++]!;
      return { n, a };
    }),
  );

const norm = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));

describe('symmetricEigen (Householder + implicit QL)', () => {
  it('A v = λ v, V orthonormal, eigenvalues ascending, on random symmetric matrices', () => {
    fc.assert(
      fc.property(symmetric(14), ({ n, a }) => {
        const { values, vectors } = symmetricEigen(a, n);
        const scale = Math.max(1, norm(a));
        for (let k = 0; k < n; k++) {
          if (k > 0) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
          for (let i = 0; i < n; i++) {
            let av = 0;
            for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[j * n + k]!;
            expect(Math.abs(av - values[k]! * vectors[i * n + k]!)).toBeLessThan(1e-12 * scale);
          }
          for (let l = 0; l < n; l++) {
            let d = 0;
            for (let i = 0; i < n; i++) d += vectors[i * n + k]! * vectors[i * n + l]!;
            expect(Math.abs(d - (k === l ? 1 : 0))).toBeLessThan(1e-12);
          }
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('handles repeated eigenvalues, zero and diagonal matrices, and refuses a wrong size or a NaN', () => {
    const identity = symmetricEigen(Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3);
    expect(Array.from(identity.values)).toEqual([1, 1, 1]);
    expect(Array.from(symmetricEigen(new Float64Array(4), 2).values)).toEqual([0, 0]);
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    expect(() => symmetricEigen(Float64Array.from([1, 2, 3]), 2)).toThrow(/n × n/);
    expect(() => symmetricEigen(Float64Array.from([1, NaN, NaN, 1]), 2)).toThrow(/entry \(0, 1\) is NaN/);
  });

  it('canonicalSigns makes the first largest-magnitude entry of each column positive', () => {
    const v = Float64Array.from([0.6, -0.8, -0.8, -0.6]);
    canonicalSigns(v, 2, 2);
    expect(Array.from(v)).toEqual([-0.6, 0.8, 0.8, 0.6]);
    const tie = Float64Array.from([-0.5, 0.5, 0.5, 0.5]); // column [−0.5, 0.5]: the first of the tied entries wins
    canonicalSigns(tie, 2, 2, 1);
    expect(Array.from(tie)).toEqual([0.5, 0.5, -0.5, 0.5]);
  });
});

describe('lowestEigenpairs (Chebyshev-filtered block Krylov, the sparse path)', () => {
  const sparseSymmetric = fc
    .record({ n: fc.integer({ min: 8, max: 40 }), count: fc.integer({ min: 1, max: 4 }), seed: fc.integer({ min: 1, max: 1e6 }) })
    .map(({ n, count, seed }) => {
      let s = seed;
      const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        a[i * n + i] = 4 * rand() - 2;
        for (let j = 0; j < i; j++) if (rand() < 0.2) a[i * n + j] = a[j * n + i] = 2 * rand() - 1;
      }
      return { n, count, a };
    });

  it('finds the smallest eigenvalues of the dense solver, with A v = λ v and orthonormal vectors', () => {
    fc.assert(
      fc.property(sparseSymmetric, ({ n, count, a }) => {
        const apply = (x: Float64Array, out: Float64Array) => {
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i]! += a[i * n + j]! * x[j]!;
        };
        const dense = symmetricEigen(a, n);
        const { values, vectors } = lowestEigenpairs(apply, n, count);
        for (let k = 0; k < count; k++) {
          expect(Math.abs(values[k]! - dense.values[k]!)).toBeLessThan(1e-8);
          const av = new Float64Array(n);
          apply(vectors[k]!, av);
          expect(norm(av.map((v, i) => v - values[k]! * vectors[k]![i]!))).toBeLessThan(1e-8);
          for (let l = 0; l < count; l++) {
            const d = vectors[k]!.reduce((acc, v, i) => acc + v * vectors[l]![i]!, 0);
            expect(Math.abs(d - (k === l ? 1 : 0))).toBeLessThan(1e-8);
          }
        }
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('finds a repeated smallest eigenvalue with its multiplicity (4 disconnected paths)', () => {
    const n = 400;
    // Laplacian of 4 paths of 100 nodes: eigenvalue 0 four times.
    const apply = (x: Float64Array, out: Float64Array) => {
      for (let i = 0; i < n; i++) {
        const left = i % 100 > 0;
        const right = i % 100 < 99;
        out[i] = (Number(left) + Number(right)) * x[i]! - (left ? x[i - 1]! : 0) - (right ? x[i + 1]! : 0);
      }
    };
    const { values } = lowestEigenpairs(apply, n, 5, { upperBound: 4 });
    expect(Array.from(values.slice(0, 4)).every((v) => Math.abs(v) < 1e-9)).toBe(true);
    expect(values[4]).toBeCloseTo(2 - 2 * Math.cos(Math.PI / 100), 9);
  });

  it('gives up with a GnnError when its budget is spent, never loops forever', () => {
    const n = 300;
    const apply = (x: Float64Array, out: Float64Array) => {
      for (let i = 0; i < n; i++) out[i] = 2 * x[i]! - (i > 0 ? x[i - 1]! : 0) - (i < n - 1 ? x[i + 1]! : 0);
    };
    expect(() => lowestEigenpairs(apply, n, 3, { maxMatvecs: 50 })).toThrow(/no convergence within 50 operator applications/);
  });
});
