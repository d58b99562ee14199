/**
 * The budget of GNN.js's property-based (fast-check) tests, in one place:
 * each property has a run count sized so that the whole fuzz suite stays
 * within about 3 minutes on CI's 2 cores; `GNNJS_FUZZ_RUNS` scales every
 * count for a longer local search, and `GNNJS_FUZZ_SEED` replays a failure.
 * fast-check prints the seed (and the path of the shrunk counterexample) of
 * every failure; without `GNNJS_FUZZ_SEED` each run draws a fresh seed.
 */

/** What to pass to `fc.assert` as parameters: `{ numRuns }` and, when replaying, `seed`. */
export interface FuzzParameters {
  readonly numRuns: number;
  readonly seed?: number;
}

function envNumber(name: string): number | undefined {
  const text = typeof process === 'undefined' ? undefined : process.env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got '${text}'`);
  return value;
}

/**
 * fast-check parameters for a property whose CI budget is `ciRuns` runs:
 * `ciRuns × GNNJS_FUZZ_RUNS` (a factor, default 1; at least 1 run), and the
 * seed of `GNNJS_FUZZ_SEED` when set.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(fc.nat(), (n) => n >= 0), fuzzParameters(200));
 * // GNNJS_FUZZ_RUNS=20 pnpm test  → 4000 runs; GNNJS_FUZZ_SEED=-1234 replays a printed seed
 * ```
 */
export function fuzzParameters(ciRuns: number): FuzzParameters {
  const factor = envNumber('GNNJS_FUZZ_RUNS') ?? 1;
  const seed = envNumber('GNNJS_FUZZ_SEED');
  const numRuns = Math.max(1, Math.round(ciRuns * factor));
  return seed === undefined ? { numRuns } : { numRuns, seed };
}
