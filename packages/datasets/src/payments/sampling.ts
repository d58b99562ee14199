/**
 * Draws the generator needs on top of the seeded `Rng`: log-normal amounts,
 * Poisson counts, weighted choices by binary search over cumulative weights,
 * and hours of the day from a daily profile.
 */
import type { Rng } from '../random/rng.js';

/** Cumulative weights, normalised to end at 1. */
export function cumulative(weights: readonly number[] | Float64Array): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i]!;
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** An index drawn with probability proportional to its weight (`cdf` from {@link cumulative}). */
export function pick(rng: Rng, cdf: Float64Array): number {
  const u = rng.next();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

/** exp(N(log median, sigma²)). */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng.next());
}

/** Poisson(mean): Knuth's product method for small means, a rounded normal above 30. */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Money: rounded to cents, at least one cent. */
export function cents(amount: number): number {
  return Math.max(0.01, Math.round(amount * 100) / 100);
}

export const DAY = 86_400;
export const HOUR = 3_600;

/** When people pay in person, by hour of day (UTC = local time here). */
export const STORE_HOURS = cumulative([0.3, 0.15, 0.1, 0.1, 0.15, 0.4, 1, 2.2, 3.5, 4.5, 5, 5.5, 6.5, 6, 5, 5, 5.5, 6.5, 7, 6.5, 5, 3.5, 2, 1]);
const ONLINE_WEIGHTS = [1.4, 1.1, 0.9, 0.8, 0.8, 0.9, 1.2, 2, 3, 3.5, 3.8, 4, 4.5, 4.3, 4, 4, 4.2, 4.8, 5.5, 6, 6, 5.5, 4, 2.5];
const ONLINE_SUM = ONLINE_WEIGHTS.reduce((a, b) => a + b, 0);
/** Online and transfers: flatter, with evenings and some nights. */
export const ONLINE_HOURS = cumulative(ONLINE_WEIGHTS);
/** Fraudsters: mostly the online profile, a fifth spread evenly (a few more nights, not only nights). */
export const FRAUD_HOURS = cumulative(ONLINE_WEIGHTS.map((w) => 0.2 / 24 + (0.8 * w) / ONLINE_SUM));

/** A time on the day of `t` (seconds) at an hour drawn from `hours`, uniform within the hour. */
export function atHourOfDay(rng: Rng, t: number, hours: Float64Array): number {
  return Math.floor(t / DAY) * DAY + pick(rng, hours) * HOUR + rng.next() * HOUR;
}
