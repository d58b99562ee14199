/**
 * `a · b` for one matrix pair that skips the zeros of whichever operand is
 * mostly zero (bag-of-words node features, and the same features after
 * dropout, are 0.5–1.5 % non-zero). The sum runs over the non-zeros only, so
 * the work is `nnz · n` instead of `m · k · n`; a dense operand makes it
 * decline and the caller runs its dense kernel.
 */
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

/** Multiply-adds below which a product is not worth skipping zeros in. */
export const MIN_ZERO_SKIPPING_WORK = 1 << 16;

/**
 * `{ m, k, n }` when `a · b` is one float32 matrix product worth skipping zeros
 * in (no transposes, equal ranks, every batch dimension 1, at least
 * {@link MIN_ZERO_SKIPPING_WORK} multiply-adds); otherwise undefined.
 */
export function plainMatMulDims(a: MatrixOperand, b: MatrixOperand, attrs: MatMulFlags): MatMulDims | undefined {
  if (attrs.transposeA || attrs.transposeB || a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  if (a.shape.length < 2 || b.shape.length !== a.shape.length) return undefined;
  const m = a.shape[a.shape.length - 2]!;
  const k = a.shape[a.shape.length - 1]!;
  const n = b.shape[b.shape.length - 1]!;
  if (b.shape[b.shape.length - 2] !== k) return undefined;
  if (sizeOf(a.shape) !== m * k || sizeOf(b.shape) !== k * n) return undefined;
  if (m * k * n < MIN_ZERO_SKIPPING_WORK) return undefined;
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
    if (left) csrLeftMatMul(csr, b, bOffset, dims, out);
    else csrRightMatMul(a, aOffset, csr, dims, out);
    return true;
  }
  return false;
}

/**
 * `a · b` for `a` given by its non-zeros (`b` dense): row `i` of the result is the sum of `a[i, p] · b[p, :]` over the non-zero
 * `a[i, p]`, eight columns at a time: the eight sums stay in registers while
 * the row's non-zeros stream past (about 2.5× faster here than adding each
 * scaled row of `b` into memory), and each is rounded to float32 once.
 */
export function csrLeftMatMul(a: CsrMatrix, b: Float32Array, bOffset: number, dims: MatMulDims, out: Float32Array): void {
  const { m, n } = dims;
  const { rowStart, cols, vals } = a;
  const n8 = n - (n % 8);
  for (let i = 0; i < m; i++) {
    const start = rowStart[i]!;
    const end = rowStart[i + 1]!;
    const o = i * n;
    let j = 0;
    for (; j < n8; j += 8) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let q = start; q < end; q++) {
        const v = vals[q]!;
        const r = bOffset + cols[q]! * n + j;
        s0 += v * b[r]!;
        s1 += v * b[r + 1]!;
        s2 += v * b[r + 2]!;
        s3 += v * b[r + 3]!;
        s4 += v * b[r + 4]!;
        s5 += v * b[r + 5]!;
        s6 += v * b[r + 6]!;
        s7 += v * b[r + 7]!;
      }
      out[o + j] = s0;
      out[o + j + 1] = s1;
      out[o + j + 2] = s2;
      out[o + j + 3] = s3;
      out[o + j + 4] = s4;
      out[o + j + 5] = s5;
      out[o + j + 6] = s6;
      out[o + j + 7] = s7;
    }
    for (; j < n; j++) {
      let s = 0;
      for (let q = start; q < end; q++) s += vals[q]! * b[bOffset + cols[q]! * n + j]!;
      out[o + j] = s;
    }
  }
}

/**
 * `a · b` for a dense `a` and `b` given by its non-zeros: `(a · b)ᵀ = bᵀ · aᵀ`: column `j` of the result is the sum of
 * `b[p, j] · a[:, p]` over the non-zero `b[p, j]`. `a` (the small dense
 * operand) is transposed and `b`'s non-zeros regrouped by column (a counting
 * sort, stable in `p`), so that each column of the result is summed in
 * registers, eight rows at a time, as in {@link csrLeftMatMul}; transposing `a`
 * and the result costs `O(m·(k + n))`.
 */
export function csrRightMatMul(a: Float32Array, aOffset: number, b: CsrMatrix, dims: MatMulDims, out: Float32Array): void {
  const { m, k, n } = dims;
  const { rowStart, cols, vals } = b;
  const aT = new Float32Array(k * m);
  for (let i = 0; i < m; i++) {
    const aRow = aOffset + i * k;
    for (let p = 0; p < k; p++) aT[p * m + i] = a[aRow + p]!;
  }
  const nnz = rowStart[k]!;
  const colStart = new Int32Array(n + 1);
  for (let q = 0; q < nnz; q++) colStart[cols[q]! + 1]!++;
  for (let j = 0; j < n; j++) colStart[j + 1]! += colStart[j]!;
  const next = colStart.slice(0, n);
  const rowOf = new Int32Array(nnz);
  const valOf = new Float32Array(nnz);
  for (let p = 0; p < k; p++) {
    const end = rowStart[p + 1]!;
    for (let q = rowStart[p]!; q < end; q++) {
      const t = next[cols[q]!]!++;
      rowOf[t] = p;
      valOf[t] = vals[q]!;
    }
  }
  const outT = new Float32Array(n * m);
  csrLeftMatMul({ rowStart: colStart, cols: rowOf, vals: valOf }, aT, 0, { m: n, k, n: m }, outT);
  for (let j = 0; j < n; j++) {
    const row = j * m;
    for (let i = 0; i < m; i++) out[i * n + j] = outT[row + i]!;
  }
}
