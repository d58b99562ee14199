/**
 * Seeded random numbers for reproducible tests: the same seed gives the same
 * graphs and features on every machine and backend.
 */

import { mulberry32 } from '../random.js';

export { mulberry32 };

/** `count` integers uniform in `[0, bound)`. */
export function randomInts(random: () => number, count: number, bound: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(random() * bound);
  return out;
}

/**
 * `count` values uniform in `[low, high)`, rounded to float32 so that a
 * float64 reference sees exactly the numbers a float32 backend sees.
 */
export function randomFloats(random: () => number, count: number, low = -1, high = 1): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.fround(low + (high - low) * random());
  return out;
}

/** `count` values drawn from a few small integers, so that ties are common. */
export function randomTiedValues(random: () => number, count: number, levels = 3): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(random() * levels) - 1;
  return out;
}
