import { dropoutKey, dropoutScale, dropoutThreshold, keepsEntry } from '@gnnjs/core';

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
