/**
 * The few smallest eigenpairs of a large sparse symmetric operator, in
 * float64: block Chebyshev–Davidson (Zhou & Saad, 2007). Each step adds, for
 * every wanted Ritz pair not yet converged, its Ritz vector passed through a
 * Chebyshev polynomial of the operator that damps the unwanted part of the
 * spectrum `[cut, upper]` and amplifies what lies below `cut`; Rayleigh–Ritz
 * on the basis (orthonormalised twice) gives the next Ritz pairs, and a
 * thick restart keeps the lowest ones when the basis is full. A block as
 * wide as the wanted set finds repeated eigenvalues with their multiplicity.
 * Memory O(n · maxBasis); work O(degree · matvec + n · maxBasis) per added vector.
 */
import { GnnError } from '../errors.js';
import { mulberry32 } from '../random.js';
import { symmetricEigen } from './symmetric_eigen.js';

/** `out = A x` for the symmetric operator A (`x`, `out` of length n; `out` arrives zeroed). */
export type SymmetricOperator = (x: Float64Array, out: Float64Array) => void;

/** Options of {@link lowestEigenpairs}. */
export interface LowestEigenpairsOptions {
  /** Converged when `‖A y − θ y‖ ≤ tolerance · max(1, ‖A‖)` for every wanted pair (default 1e-10). */
  readonly tolerance?: number;
  /** An upper bound of the spectrum (e.g. 2 for a normalised Laplacian); estimated by a short Lanczos run when absent. */
  readonly upperBound?: number;
  /** Largest basis before a restart (default `min(n, max(4·count, count + 30))`). */
  readonly maxBasis?: number;
  /** Degree of the Chebyshev filter (default 16). */
  readonly degree?: number;
  /** Bound on the operator applications, after which a `GnnError` says it did not converge (default 200 000). */
  readonly maxMatvecs?: number;
  /** Seed of the deterministic start block (default 0). */
  readonly seed?: number;
}

/** Ascending eigenvalues and unit eigenvectors (vector `k` = `vectors[k]`). */
export interface Eigenpairs {
  readonly values: Float64Array;
  readonly vectors: Float64Array[];
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Subtracts from `x` its projections on the (orthonormal) `basis`, twice (CGS2); returns the remaining norm. */
function orthogonalize(x: Float64Array, basis: readonly Float64Array[]): number {
  for (let pass = 0; pass < 2; pass++) {
    for (const b of basis) {
      const c = dot(x, b);
      if (c !== 0) for (let i = 0; i < x.length; i++) x[i]! -= c * b[i]!;
    }
  }
  return Math.sqrt(dot(x, x));
}

/** `Σ_k coeff(k) · columns[k]`. */
function combine(columns: readonly Float64Array[], coeff: (k: number) => number, n: number): Float64Array {
  const out = new Float64Array(n);
  columns.forEach((col, k) => {
    const c = coeff(k);
    if (c !== 0) for (let i = 0; i < n; i++) out[i]! += c * col[i]!;
  });
  return out;
}

/** Counts the operator's applications against the budget. */
class Counted {
  count = 0;
  constructor(
    private readonly apply: SymmetricOperator,
    private readonly n: number,
    private readonly budget: number,
  ) {}
  times(x: Float64Array): Float64Array {
    if (this.count >= this.budget) {
      throw new GnnError(`lowestEigenpairs: no convergence within ${this.budget} operator applications (n = ${this.n}); raise maxMatvecs or loosen tolerance`);
    }
    this.count++;
    const out = new Float64Array(this.n);
    this.apply(x, out);
    return out;
  }
}

/** An upper bound of the spectrum: the largest Ritz value of a short Lanczos run plus its last off-diagonal (a standard safeguard). */
function estimateUpperBound(op: Counted, n: number, random: () => number): number {
  const steps = Math.min(n, 20);
  let v = Float64Array.from({ length: n }, () => random() - 0.5);
  v = v.map((x) => x / Math.sqrt(dot(v, v)));
  let previous = new Float64Array(n);
  let beta = 0;
  const alphas: number[] = [];
  const betas: number[] = [];
  for (let j = 0; j < steps; j++) {
    const w = op.times(v);
    const alpha = dot(w, v);
    for (let i = 0; i < n; i++) w[i] = w[i]! - alpha * v[i]! - beta * previous[i]!;
    alphas.push(alpha);
    beta = Math.sqrt(dot(w, w));
    betas.push(beta);
    if (beta < 1e-12) break;
    previous = v;
    v = w.map((x) => x / beta);
  }
  const m = alphas.length;
  const t = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    t[j * m + j] = alphas[j]!;
    if (j + 1 < m) t[(j + 1) * m + j] = t[j * m + j + 1] = betas[j]!;
  }
  return symmetricEigen(t, m).values[m - 1]! + betas[m - 1]!;
}

/**
 * `p(A) x` for the Chebyshev polynomial of degree `degree` that is bounded
 * by 1 on `[cut, upper]` and grows fast below `cut` (scaled at `lowest`).
 */
function chebyshevFilter(op: Counted, x: Float64Array, degree: number, cut: number, upper: number, lowest: number): Float64Array {
  const n = x.length;
  const e = (upper - cut) / 2;
  const c = (upper + cut) / 2;
  let sigma = e / (lowest - c);
  const sigma1 = sigma;
  let previous = x;
  const ax = op.times(x);
  let current = new Float64Array(n);
  for (let i = 0; i < n; i++) current[i] = ((ax[i]! - c * x[i]!) * sigma1) / e;
  for (let k = 2; k <= degree; k++) {
    const sigma2 = 1 / (2 / sigma1 - sigma);
    const ay = op.times(current);
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = ((2 * sigma2) / e) * (ay[i]! - c * current[i]!) - sigma * sigma2 * previous[i]!;
    previous = current;
    current = next;
    sigma = sigma2;
  }
  return current;
}

/**
 * The `count` smallest eigenvalues (ascending) and eigenvectors of the
 * symmetric operator `apply` on `R^n`, deterministic for a given seed. Throws
 * a `GnnError` when it does not converge within `maxMatvecs` applications.
 *
 * @example
 * ```ts
 * // The path graph's Laplacian, applied without building it:
 * const { values } = lowestEigenpairs((x, out) => pathLaplacian(x, out), 1000, 3, { upperBound: 4 });
 * ```
 */
export function lowestEigenpairs(apply: SymmetricOperator, n: number, count: number, options: LowestEigenpairsOptions = {}): Eigenpairs {
  if (!Number.isInteger(count) || count < 1 || count > n) throw new GnnError(`lowestEigenpairs: count must be in [1, ${n}], got ${count}`);
  const tolerance = options.tolerance ?? 1e-10;
  const maxBasis = Math.min(n, Math.max(options.maxBasis ?? Math.max(4 * count, count + 30), count + 1));
  const degree = options.degree ?? 16;
  const random = mulberry32(options.seed ?? 0);
  const raw = new Counted(apply, n, options.maxMatvecs ?? 200_000);
  const upper = options.upperBound ?? estimateUpperBound(raw, n, random);
  // Converged pairs are locked: the operator moves them to \`upper\` (Hotelling deflation), where the filter damps them.
  const locked: { value: number; vector: Float64Array }[] = [];
  const op = {
    times(x: Float64Array): Float64Array {
      const out = raw.times(x);
      for (const { value, vector } of locked) {
        const c = (upper - value) * dot(vector, x);
        if (c !== 0) for (let i = 0; i < n; i++) out[i]! += c * vector[i]!;
      }
      return out;
    },
  } as Counted;
  const basis: Float64Array[] = [];
  const images: Float64Array[] = [];
  const add = (x: Float64Array): boolean => {
    orthogonalize(x, locked.map((l) => l.vector));
    const norm = orthogonalize(x, basis);
    // A direction already (numerically) in the basis adds nothing.
    if (!(norm > 1e-10)) return false;
    for (let i = 0; i < n; i++) x[i]! /= norm;
    basis.push(x);
    images.push(op.times(x));
    return true;
  };
  const randomVector = (): Float64Array => Float64Array.from({ length: n }, () => random() - 0.5);
  for (let k = 0; k < Math.min(count + 2, maxBasis); k++) add(randomVector());
  const scale = Math.max(1, Math.abs(upper));
  for (;;) {
    const m = basis.length;
    const h = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) h[i * m + j] = dot(basis[i]!, images[j]!);
    const ritz = symmetricEigen(h, m);
    const column = (k: number) => (j: number) => ritz.vectors[j * m + k]!;
    const wanted = Math.min(count - locked.length, m);
    const y = Array.from({ length: wanted }, (_, k) => combine(basis, column(k), n));
    const ay = Array.from({ length: wanted }, (_, k) => combine(images, column(k), n));
    const converged = y.map((yk, k) => {
      let r2 = 0;
      for (let i = 0; i < n; i++) r2 += (ay[k]![i]! - ritz.values[k]! * yk[i]!) ** 2;
      return Math.sqrt(r2) <= tolerance * scale;
    });
    // Lock the converged pairs at the bottom of the spectrum, in order.
    let newlyLocked = 0;
    while (newlyLocked < wanted && converged[newlyLocked]) {
      locked.push({ value: ritz.values[newlyLocked]!, vector: y[newlyLocked]! });
      newlyLocked++;
    }
    if (locked.length === count) {
      return { values: Float64Array.from(locked, (l) => l.value), vectors: locked.map((l) => l.vector) };
    }
    const open = converged.map((c, k) => (c ? -1 : k)).filter((k) => k >= newlyLocked);
    // Damp everything above the Ritz values we look at; amplify below.
    const cut = ritz.values[Math.min(m - 1, newlyLocked + 2 * (count - locked.length))]!;
    const lowest = ritz.values[newlyLocked]!;
    const filter = (x: Float64Array): Float64Array =>
      cut < upper && lowest < cut ? chebyshevFilter(op, x, degree, cut, upper, lowest) : op.times(x);
    const full = m + open.length > maxBasis;
    if (newlyLocked > 0 || full) {
      // Restart on the Ritz vectors that are not locked (orthogonal to the locked ones, so their images
      // under the deflated operator are unchanged); when full, keep only the lowest of them.
      const keep = full ? Math.min(m, Math.max(count, Math.floor(maxBasis / 2))) : m;
      const kept: Float64Array[] = [];
      const keptImages: Float64Array[] = [];
      for (let k = newlyLocked; k < keep; k++) {
        kept.push(k < wanted ? y[k]! : combine(basis, column(k), n));
        keptImages.push(k < wanted ? ay[k]! : combine(images, column(k), n));
      }
      basis.splice(0, basis.length, ...kept);
      images.splice(0, images.length, ...keptImages);
    }
    let grew = false;
    for (const k of open.length > 0 ? open : [newlyLocked]) {
      if (basis.length >= maxBasis) break;
      if (k < wanted) grew = add(filter(y[k]!)) || grew;
    }
    // The filtered vectors were in the basis already (an invariant subspace): continue from fresh directions.
    if (!grew && basis.length < maxBasis) grew = add(randomVector());
    if (!grew) throw new GnnError(`lowestEigenpairs: the search space stopped growing (n = ${n}, ${count} pairs)`);
  }
}
