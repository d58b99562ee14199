/**
 * `a · b` for one matrix pair that skips the zeros of whichever operand is
 * mostly zero (bag-of-words node features, and the same features after
 * dropout, are 0.5–1.5 % non-zero). The sum runs over the non-zeros only, so
 * the work is `nnz · n` instead of `m · k · n`; a dense operand makes it
 * decline and the caller runs its dense kernel.
 */
import { axpy } from './axpy.js';
import { cachedCsr, type CsrMatrix } from './csr_cache.js';
import { sizeOf } from './types.js';

/** Sizes of `a: [m, k]`, `b: [k, n]`, `out: [m, n]` (row-major, no transposes). */
export interface MatMulDims {
  m: number;
  k: number;
  n: number;
}

/** What {@link plainMatMulDims} reads of a kernel input (a tfjs `TensorInfo`). */
export interface MatrixOperand {
  shape: readonly number[];
  dtype: string;
}

/** `BatchMatMul`'s attributes. */
export interface MatMulFlags {
  transposeA: boolean;
  transposeB: boolean;
}

/**
 * `{ m, k, n }` when `a · b` is one float32 matrix product worth skipping zeros
 * in (no transposes, equal ranks, every batch dimension 1, at least 2^16 multiply-adds);
 * otherwise undefined.
 */
export function plainMatMulDims(a: MatrixOperand, b: MatrixOperand, attrs: MatMulFlags): MatMulDims | undefined {
  if (attrs.transposeA || attrs.transposeB || a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  if (a.shape.length < 2 || b.shape.length !== a.shape.length) return undefined;
  const m = a.shape[a.shape.length - 2]!;
  const k = a.shape[a.shape.length - 1]!;
  const n = b.shape[b.shape.length - 1]!;
  if (b.shape[b.shape.length - 2] !== k) return undefined;
  if (sizeOf(a.shape) !== m * k || sizeOf(b.shape) !== k * n) return undefined;
  if (m * k * n < 1 << 16) return undefined;
  return { m, k, n };
}

/**
 * Writes `a · b` into `out` (length `m·n`) when `a` or `b` has at most
 * `maxDensity` of its entries non-zero, and returns whether it did. `a` and
 * `b` start at `aOffset` and `bOffset` (one matrix of a batch). `keys`
 * identify immutable operands (a tensor's `dataId`): their sparsity verdict is
 * kept, so features used by several products (GATv2's two linears, the
 * forward and the weight gradient) are scanned once.
 *
 * @example
 * ```ts
 * const out = new Float32Array(m * n);
 * if (!sparseMatMulImpl(a, 0, b, 0, { m, k, n }, 0.05, out)) denseMatMul(a, b, out);
 * ```
 */
export function sparseMatMulImpl(
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  dims: MatMulDims,
  maxDensity: number,
  out: Float32Array,
  keys: { a?: object; b?: object } = {},
): boolean {
  const { m, k, n } = dims;
  const leftFirst = m >= n;
  // Try the larger operand first: it is the one worth skipping zeros in. A
  // dense operand fails fast (after maxDensity of its entries, about).
  for (const left of leftFirst ? [true, false] : [false, true]) {
    const csr = left
      ? cachedCsr(keys.a, a, aOffset, m, k, Math.floor(maxDensity * m * k))
      : cachedCsr(keys.b, b, bOffset, k, n, Math.floor(maxDensity * k * n));
    if (csr === undefined) continue;
    if (left) sparseLeft(csr, b, bOffset, dims, out);
    else sparseRight(a, aOffset, csr, dims, out);
    return true;
  }
  return false;
}

/** Row `i` of the result is the sum of `a[i, p] · b[p, :]` over the non-zero `a[i, p]`. */
function sparseLeft(a: CsrMatrix, b: Float32Array, bOffset: number, dims: MatMulDims, out: Float32Array): void {
  const { m, n } = dims;
  out.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const end = a.rowStart[i + 1]!;
    for (let q = a.rowStart[i]!; q < end; q++) axpy(a.vals[q]!, b, bOffset + a.cols[q]! * n, out, i * n, n);
  }
}

/**
 * `(a · b)ᵀ = bᵀ · aᵀ`: each non-zero `b[p, j]` adds `b[p, j] · a[:, p]` to
 * column `j` of the result. Built transposed so that the inner loop runs
 * over contiguous rows (`a` is the small dense operand: transposing it and
 * the result costs `O(m·(k + n))`).
 */
function sparseRight(a: Float32Array, aOffset: number, b: CsrMatrix, dims: MatMulDims, out: Float32Array): void {
  const { m, k, n } = dims;
  const { rowStart, cols, vals } = b;
  const aT = new Float32Array(k * m);
  for (let i = 0; i < m; i++) {
    const aRow = aOffset + i * k;
    for (let p = 0; p < k; p++) aT[p * m + i] = a[aRow + p]!;
  }
  const outT = new Float32Array(n * m);
  for (let p = 0; p < k; p++) {
    const end = rowStart[p + 1]!;
    for (let q = rowStart[p]!; q < end; q++) axpy(vals[q]!, aT, p * m, outT, cols[q]! * m, m);
  }
  for (let j = 0; j < n; j++) {
    const row = j * m;
    for (let i = 0; i < m; i++) out[i * n + j] = outT[row + i]!;
  }
}
