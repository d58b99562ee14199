/**
 * Global seeding for reproducible models, like `torch.manual_seed`.
 *
 * tfjs's random ops (`randomUniform`, `dropout`, ...) are deterministic when
 * given a seed. GNN.js draws those seeds from one mulberry32 stream: after
 * `manualSeed(s)`, parameter initialisation and dropout masks repeat exactly.
 * Without a seed, `nextSeed()` returns `undefined` and tfjs seeds itself.
 */

let state: number | undefined;

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
  state = seed >>> 0;
}

/** Forgets the seed: later random operations are seeded by tfjs itself. */
export function clearSeed(): void {
  state = undefined;
}

/** The next seed of the global stream, or `undefined` when unseeded. */
export function nextSeed(): number | undefined {
  if (state === undefined) return undefined;
  return Math.floor(nextUniform() * 2 ** 31);
}

/** A uniform number in [0, 1) from the global stream (Math.random when unseeded). */
export function nextUniform(): number {
  if (state === undefined) return Math.random();
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
