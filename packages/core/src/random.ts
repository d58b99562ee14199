/**
 * Global seeding for reproducible models, like `torch.manual_seed`.
 *
 * tfjs's random ops (`randomUniform`, `dropout`, ...) are deterministic when
 * given a seed. GNN.js draws those seeds from one mulberry32 stream: after
 * `manualSeed(s)`, parameter initialisation and dropout masks repeat exactly.
 * Without a seed, `nextSeed()` returns `undefined` and tfjs seeds itself.
 */

/**
 * mulberry32: a tiny, fast 32-bit PRNG. Returns a function that yields floats
 * uniform in `[0, 1)`; the same seed gives the same stream everywhere.
 *
 * @example
 * ```ts
 * const random = mulberry32(42);
 * const x = random(); // same value on every run
 * ```
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let stream: (() => number) | undefined;

/**
 * Seeds every random operation of GNN.js (initialisers, dropout, edge dropout,
 * random splits).
 *
 * @example
 * ```ts
 * manualSeed(0);
 * const model = new GAT(1433, 7); // same weights on every run
 * ```
 */
export function manualSeed(seed: number): void {
  stream = mulberry32(seed);
}

/** Forgets the seed: later random operations are seeded by tfjs itself. */
export function clearSeed(): void {
  stream = undefined;
}

/**
 * A seed no draw of {@link nextSeed} otherwise gives, used in place of 0:
 * tfjs's `randomNormal`, `truncatedNormal` and `randomGamma` read a seed of 0
 * as "no seed" and fall back to `Math.random`. Every seed is below 2^32, as
 * `seededDropout` requires.
 */
const SEED_FOR_ZERO = 2 ** 31;

/**
 * The next seed of the global stream, or `undefined` when unseeded: an
 * integer in `[1, 2^31]`, never 0 (which tfjs would ignore).
 *
 * @example
 * ```ts
 * manualSeed(0);
 * const w = tf.randomNormal([3, 3], 0, 1, 'float32', nextSeed()); // same on every run
 * ```
 */
export function nextSeed(): number | undefined {
  if (stream === undefined) return undefined;
  const seed = Math.floor(nextUniform() * 2 ** 31);
  return seed === 0 ? SEED_FOR_ZERO : seed;
}

/** A uniform number in [0, 1) from the global stream (Math.random when unseeded). */
export function nextUniform(): number {
  return stream === undefined ? Math.random() : stream();
}
