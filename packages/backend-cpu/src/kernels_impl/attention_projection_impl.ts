/**
 * `AttentionProjection` (GATConv's per-node scores `Σ_c x[n, h, c] ·
 * att[h, c]`) and its backward, straight from the rows: the backward makes
 * `dx` and `dAtt` without the `[N, H, C]` intermediates of `sum(mul(x, att))`.
 */

/** `out[n, h] = Σ_c x[n, h, c] · att[h, c]`, summed in channel order. */
export function attentionProjectionImpl(x: Float32Array, att: Float32Array, heads: number, channels: number, out: Float32Array): void {
  const h = heads | 0;
  const c = channels | 0;
  const rows = (out.length / Math.max(h, 1)) | 0;
  for (let n = 0; n < rows; n++) {
    for (let k = 0; k < h; k++) {
      const xo = ((n * h + k) * c) | 0;
      const ao = (k * c) | 0;
      let acc = 0;
      for (let q = 0; q < c; q++) acc += x[xo + q]! * att[ao + q]!;
      out[n * h + k] = acc;
    }
  }
}

/** `dx[n, h, c] = dy[n, h] · att[h, c]`; `dAtt[h, c] = Σ_n dy[n, h] · x[n, h, c]` (float64 sums, in node order). */
export function attentionProjectionGradImpl(
  x: Float32Array,
  att: Float32Array,
  dy: Float32Array,
  heads: number,
  channels: number,
  dx: Float32Array,
  dAtt: Float32Array,
): void {
  const h = heads | 0;
  const c = channels | 0;
  const rowSize = (h * c) | 0;
  const rows = (dy.length / Math.max(h, 1)) | 0;
  const acc = new Float64Array(rowSize);
  for (let n = 0; n < rows; n++) {
    const xo = (n * rowSize) | 0;
    for (let k = 0; k < h; k++) {
      const g = dy[n * h + k]!;
      const base = (k * c) | 0;
      for (let q = 0; q < c; q++) {
        dx[xo + base + q] = g * att[base + q]!;
        acc[base + q] = acc[base + q]! + g * x[xo + base + q]!;
      }
    }
  }
  for (let k = 0; k < rowSize; k++) dAtt[k] = acc[k]!;
}
