import { dropoutKey, dropoutScale, dropoutThreshold, keepsEntry } from '@gnnjs/core';
import type { CsrMatrix } from './csr_cache.js';

/**
 * `out[i] = x[i] · mask[i]` with `GnnDropout`'s counter-based mask (`1/(1 − rate)`
 * where entry `i` is kept, else 0), the IEEE product a composite `mul` gives,
 * NaN and signed zeros included. A zero entry is copied without drawing its
 * mask value, so dropout of mostly-zero features costs little more than one
 * pass over them.
 */
export function dropoutImpl(x: Float32Array, rate: number, seed: number, out: Float32Array): void {
  const key = dropoutKey(seed);
  const threshold = dropoutThreshold(rate);
  const scale = dropoutScale(rate);
  const size = x.length;
  for (let i = 0; i < size; i++) {
    const v = x[i]!;
    out[i] = v === 0 ? v : v * (keepsEntry(key, threshold, i) ? scale : 0);
  }
}

/**
 * {@link dropoutImpl} driven by the non-zeros of `x` (`csr`, rows of `cols`
 * values): `out` must be zero-filled; only the non-zeros draw their mask
 * value. Returns the non-zeros of the output (NaN included, zeros from
 * dropped entries not), so the product that consumes it need not scan it.
 * With `out` null only those are made (dropout fused into a product).
 */
export function sparseDropoutImpl(csr: CsrMatrix, cols: number, rate: number, seed: number, out: Float32Array | null): CsrMatrix {
  const key = dropoutKey(seed);
  const threshold = dropoutThreshold(rate);
  const scale = dropoutScale(rate);
  const rows = csr.rowStart.length - 1;
  const nnz = csr.rowStart[rows]!;
  const rowStart = new Int32Array(rows + 1);
  const outCols = new Int32Array(nnz);
  const vals = new Float32Array(nnz);
  let q = 0;
  for (let r = 0; r < rows; r++) {
    const end = csr.rowStart[r + 1]!;
    for (let t = csr.rowStart[r]!; t < end; t++) {
      const c = csr.cols[t]!;
      const index = r * cols + c;
      const v = csr.vals[t]!;
      const y = Math.fround(v * (keepsEntry(key, threshold, index) ? scale : 0));
      if (out !== null) out[index] = y;
      if (y !== 0) {
        outCols[q] = c;
        vals[q] = y;
        q++;
      }
    }
    rowStart[r + 1] = q;
  }
  return { rowStart, cols: outCols, vals };
}
