/**
 * Dense symmetric eigendecomposition in float64: Householder reduction to
 * tridiagonal form, then the QL algorithm with implicit shifts (EISPACK's
 * `tred2` and `tql2`, as in JAMA). O(n³) time, O(n²) memory: meant for
 * matrices up to a few hundred rows (see {@link DENSE_EIGEN_LIMIT}); larger
 * sparse problems go to {@link lowestEigenpairs}.
 */
import { GnnError } from '../errors.js';

/** Eigenvalues in ascending order and unit eigenvectors. */
export interface SymmetricEigen {
  readonly n: number;
  /** `[n]`, ascending. */
  readonly values: Float64Array;
  /** `[n, n]` row-major: column `k` (`vectors[i * n + k]`) is the eigenvector of `values[k]`. */
  readonly vectors: Float64Array;
}

/** Largest size the dense solver is used for by the positional encodings (larger graphs go iterative). */
export const DENSE_EIGEN_LIMIT = 256;

/** `sqrt(a² + b²)` without overflow, with `Math.sqrt` only (correctly rounded, so the same on every engine). */
function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  const big = Math.max(x, y);
  if (big === 0) return 0;
  const small = Math.min(x, y) / big;
  return big * Math.sqrt(1 + small * small);
}

/** Householder tridiagonalisation of `v` (the matrix, overwritten by the accumulated transforms): diagonal `d`, subdiagonal `e`. */
function tridiagonalize(n: number, v: Float64Array, d: Float64Array, e: Float64Array): void {
  const at = (i: number, j: number): number => i * n + j;
  for (let j = 0; j < n; j++) d[j] = v[at(n - 1, j)]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = v[at(i - 1, j)]!;
        v[at(i, j)] = 0;
        v[at(j, i)] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        v[at(j, i)] = f;
        g = e[j]! + v[at(j, j)]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[at(k, j)]! * d[k]!;
          e[k]! += v[at(k, j)]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) v[at(k, j)]! -= f * e[k]! + g * d[k]!;
        d[j] = v[at(i - 1, j)]!;
        v[at(i, j)] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    v[at(n - 1, i)] = v[at(i, i)]!;
    v[at(i, i)] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[at(k, i + 1)]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[at(k, i + 1)]! * v[at(k, j)]!;
        for (let k = 0; k <= i; k++) v[at(k, j)]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) v[at(k, i + 1)] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[at(n - 1, j)]!;
    v[at(n - 1, j)] = 0;
  }
  v[at(n - 1, n - 1)] = 1;
  e[0] = 0;
}

/** Implicit-shift QL on the tridiagonal (`d`, `e`), rotating the columns of `v`. */
function diagonalize(n: number, v: Float64Array, d: Float64Array, e: Float64Array): void {
  const at = (i: number, j: number): number => i * n + j;
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]!) > eps * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        // Quadratic convergence makes ~2 sweeps per eigenvalue typical; 60 means something is wrong.
        if (++iterations > 60) throw new GnnError(`symmetricEigen: the QL iteration did not converge for eigenvalue ${l} of ${n}`);
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let k = 0; k < n; k++) {
            h = v[at(k, i + 1)]!;
            v[at(k, i + 1)] = s * v[at(k, i)]! + c * h;
            v[at(k, i)] = c * v[at(k, i)]! - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l]! += f;
    e[l] = 0;
  }
}

/** Sorts eigenvalues ascending, moving the eigenvector columns along. */
function sortAscending(n: number, v: Float64Array, d: Float64Array): void {
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i]!;
    for (let j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }
    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const t = v[j * n + i]!;
        v[j * n + i] = v[j * n + k]!;
        v[j * n + k] = t;
      }
    }
  }
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors of the symmetric
 * `n × n` matrix `a` (row-major; only its lower triangle is read), in
 * float64. Signs of the vectors are as the algorithm leaves them; apply
 * {@link canonicalSigns} for a deterministic convention.
 *
 * @example
 * ```ts
 * const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
 * values; // Float64Array [1, 3]
 * ```
 */
export function symmetricEigen(a: Float64Array | readonly number[], n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 0 || a.length !== n * n) {
    throw new GnnError(`symmetricEigen expects an n × n matrix (${n * n} values), got ${a.length} values for n = ${n}`);
  }
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!)) throw new GnnError(`symmetricEigen: entry (${Math.floor(i / n)}, ${i % n}) is ${a[i]}`);
  }
  const v = new Float64Array(n * n);
  // Symmetrise from the lower triangle so that tiny asymmetries of the input cannot matter.
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      v[i * n + j] = a[i * n + j]!;
      v[j * n + i] = a[i * n + j]!;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n > 0) {
    tridiagonalize(n, v, d, e);
    diagonalize(n, v, d, e);
    sortAscending(n, v, d);
  }
  return { n, values: d, vectors: v };
}

/**
 * Makes eigenvector signs deterministic, in place: in each of the first
 * `columns` columns of `vectors` (`[rows, stride]` row-major), the first
 * entry whose magnitude is within a relative `1e-9` of the column's largest
 * is made positive. (Eigenvectors are defined up to sign; this picks one
 * that depends only on the vector, not on the solver's path.)
 *
 * @example
 * ```ts
 * const v = Float64Array.from([0.6, -0.8, -0.8, -0.6]); // columns [0.6, -0.8] and [-0.8, -0.6]
 * canonicalSigns(v, 2, 2); // v = [-0.6, 0.8, 0.8, 0.6]: each column's largest entry is positive
 * ```
 */
export function canonicalSigns(vectors: Float64Array, rows: number, stride: number, columns = stride): void {
  for (let k = 0; k < columns; k++) {
    let largest = 0;
    for (let i = 0; i < rows; i++) largest = Math.max(largest, Math.abs(vectors[i * stride + k]!));
    if (largest === 0) continue;
    let pivot = 0;
    while (Math.abs(vectors[pivot * stride + k]!) < largest * (1 - 1e-9)) pivot++;
    if (vectors[pivot * stride + k]! < 0) {
      for (let i = 0; i < rows; i++) vectors[i * stride + k] = -vectors[i * stride + k]!;
    }
  }
}
