/**
 * Sum over one contiguous run of axes, viewing the input as
 * `[outer, reduced, inner]`: covers trailing axes (`inner = 1`), leading axes
 * (`outer = 1`, a bias gradient) and anything between, in one pass without
 * tfjs-cpu's transpose.
 */

/** `[outer, reduced, inner]` when `axes` (sorted, non-negative) are contiguous; otherwise undefined. */
export function contiguousReduceLayout(shape: readonly number[], axes: readonly number[]): [number, number, number] | undefined {
  if (axes.length === 0) return undefined;
  const first = axes[0]!;
  for (let i = 1; i < axes.length; i++) if (axes[i] !== first + i) return undefined;
  const last = first + axes.length - 1;
  let outer = 1;
  let reduced = 1;
  let inner = 1;
  shape.forEach((d, i) => {
    if (i < first) outer *= d;
    else if (i <= last) reduced *= d;
    else inner *= d;
  });
  return [outer, reduced, inner];
}

/** `out[o, i] = Σ_r x[o, r, i]`, accumulated in float64 per output row block. */
export function sumImpl(x: Float32Array, outer: number, reduced: number, inner: number, out: Float32Array): void {
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let s = 0;
      const base = o * reduced;
      for (let r = 0; r < reduced; r++) s += x[base + r]!;
      out[o] = s;
    }
    return;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    for (let r = 0; r < reduced; r++) {
      const base = (o * reduced + r) * inner;
      for (let i = 0; i < inner; i++) acc[i] = acc[i]! + x[base + i]!;
    }
    for (let i = 0; i < inner; i++) out[o * inner + i] = acc[i]!;
  }
}
