/**
 * The non-zero structure of immutable matrices (tensors never change their
 * values), kept per tensor `dataId` so that a matrix used by several products
 * (GATv2's two linears, a forward product and its weight gradient) is scanned
 * once, and so that a kernel that makes a sparse output (dropout of sparse
 * features) can hand its structure to the product that consumes it.
 */

/** A row-major matrix's non-zeros, row by row (compressed sparse rows). */
export interface CsrMatrix {
  /** `rowStart[r] .. rowStart[r + 1]` index row `r`'s entries in `cols`/`vals`. */
  rowStart: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

/**
 * The non-zeros of the `rows × cols` matrix at `values[offset ..]` in one
 * pass, or undefined as soon as there are more than `maxNnz` of them.
 */
export function toCsr(values: Float32Array, offset: number, rows: number, cols: number, maxNnz: number): CsrMatrix | undefined {
  const rowStart = new Int32Array(rows + 1);
  const colIds = new Int32Array(maxNnz);
  const vals = new Float32Array(maxNnz);
  let nnz = 0;
  for (let r = 0; r < rows; r++) {
    const base = offset + r * cols;
    for (let c = 0; c < cols; c++) {
      const v = values[base + c]!;
      if (v === 0) continue;
      if (nnz === maxNnz) return undefined;
      colIds[nnz] = c;
      vals[nnz] = v;
      nnz++;
    }
    rowStart[r + 1] = nnz;
  }
  return { rowStart, cols: colIds, vals };
}

interface CsrCacheEntry {
  offset: number;
  rows: number;
  cols: number;
  /** The non-zeros, or undefined when the matrix had more than `limit` of them. */
  csr: CsrMatrix | undefined;
  limit: number;
}

const csrCache = new WeakMap<object, CsrCacheEntry>();

/**
 * The non-zeros of the `rows × cols` matrix at `values[offset ..]` if there
 * are at most `maxNnz`, else undefined; from the cache when `key` (a tensor's
 * `dataId`) has a verdict that answers the question.
 */
export function cachedCsr(key: object | undefined, values: Float32Array, offset: number, rows: number, cols: number, maxNnz: number): CsrMatrix | undefined {
  if (key === undefined) return toCsr(values, offset, rows, cols, maxNnz);
  const hit = csrCache.get(key);
  if (hit !== undefined && hit.offset === offset && hit.rows === rows && hit.cols === cols) {
    if (hit.csr !== undefined) return nnzOf(hit.csr) <= maxNnz ? hit.csr : undefined;
    if (hit.limit >= maxNnz) return undefined;
  }
  const csr = toCsr(values, offset, rows, cols, maxNnz);
  csrCache.set(key, { offset, rows, cols, csr, limit: maxNnz });
  return csr;
}

/** Records the exact non-zeros of a matrix its producer already knows. */
export function rememberCsr(key: object, rows: number, cols: number, csr: CsrMatrix): void {
  csrCache.set(key, { offset: 0, rows, cols, csr, limit: Number.POSITIVE_INFINITY });
}

function nnzOf(csr: CsrMatrix): number {
  return csr.rowStart[csr.rowStart.length - 1]!;
}
