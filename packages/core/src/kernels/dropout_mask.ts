/**
 * The counter-based mask of the `GnnDropout` kernel. Whether entry `i` is kept
 * depends only on `(seed, i)`, through a 32-bit integer hash, never on a
 * sequential stream: every backend (and the backward pass, which regenerates
 * the mask instead of storing it) draws exactly the same mask, and a kernel
 * may skip the entries it does not need (the zeros of bag-of-words features).
 * The SIMD twin of {@link keepsEntry} is `dropout` in backend-wasm's
 * `gnn_kernels.wat`; the two must stay equal (tests compare them).
 */

/** lowbias32 (C. Wellons): a bijective 32-bit hash with low avalanche bias. */
export function hash32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The per-call key mixed into every entry's hash (so nearby seeds give unrelated masks). */
export function dropoutKey(seed: number): number {
  return hash32((seed ^ 0x9e3779b9) >>> 0);
}

/** Entries whose draw (top 31 bits of the hash) is below this are dropped: `⌊rate · 2³¹⌋`. */
export function dropoutThreshold(rate: number): number {
  return Math.floor(rate * 2147483648);
}

/** The float32 factor `1 / (1 − rate)` applied to kept entries. */
export function dropoutScale(rate: number): number {
  return Math.fround(1 / (1 - rate));
}

/** Whether entry `index` survives, for a call's `key` and `threshold`. */
export function keepsEntry(key: number, threshold: number, index: number): boolean {
  return hash32(hash32(index) ^ key) >>> 1 >= threshold;
}

/**
 * The mask itself: `size` values, `1 / (1 − rate)` where kept and 0 where
 * dropped.
 *
 * @example
 * ```ts
 * const mask = dropoutMask(6, 0.5, 42); // e.g. [2, 0, 0, 2, 2, 0], the same everywhere
 * ```
 */
export function dropoutMask(size: number, rate: number, seed: number): Float32Array {
  const mask = new Float32Array(size);
  const key = dropoutKey(seed);
  const threshold = dropoutThreshold(rate);
  const scale = dropoutScale(rate);
  for (let i = 0; i < size; i++) mask[i] = keepsEntry(key, threshold, i) ? scale : 0;
  return mask;
}
