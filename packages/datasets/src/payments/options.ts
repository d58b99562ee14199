/**
 * Options of the payments generator, their defaults and checks, and the fixed
 * calendar of the dataset (period, task cut-offs).
 */
import { DatasetError } from '../errors.js';
import { DEFAULT_SEED } from '../random/rng.js';

/** What the generator is doing, for progress bars. */
export interface PaymentsProgress {
  /** `'entities'`, `'customers'`, `'card_testing'`, `'rings'`, `'mule_chains'`, `'compromised_merchants'`, `'labels'`, `'churn'`, `'tables'`. */
  stage: string;
  /** Overall progress of the generation, 0 … 1. */
  fraction: number;
}

export interface PaymentsOptions {
  /** 1 = about 50 000 accounts and 1 000 000 transactions; anything in (0, 10]. Default 1. */
  readonly scale?: number | undefined;
  /** Seed of the generator: the same seed and scale give the same tables. Default 0. */
  readonly seed?: number | undefined;
  /** Called as the generation advances. */
  readonly onProgress?: ((progress: PaymentsProgress) => void) | undefined;
}

export interface ResolvedPaymentsOptions {
  readonly scale: number;
  readonly seed: number;
}

/** Bumped whenever the same options would give other tables (cache folders carry it). */
export const PAYMENTS_GENERATOR_VERSION = 1;

/** The period the transactions cover: 180 days from 2024-01-01 (UTC). */
export const PAYMENTS_START = '2024-01-01T00:00:00Z';
export const PAYMENTS_START_MS = Date.parse(PAYMENTS_START);
export const PAYMENTS_DAYS = 180;

/** Accounts and transactions at scale 1. */
export const ACCOUNTS_PER_SCALE = 50_000;
export const TRANSACTIONS_PER_SCALE = 1_000_000;
export const MAX_SCALE = 10;

export function resolvePaymentsOptions(options: PaymentsOptions = {}): ResolvedPaymentsOptions {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    throw new DatasetError(`PaymentsFraud: scale must be a number in (0, ${MAX_SCALE}], got ${String(scale)}`);
  }
  if (Math.round(scale * ACCOUNTS_PER_SCALE) < 100) {
    throw new DatasetError(`PaymentsFraud: scale ${scale} is too small: it gives fewer than 100 accounts (use at least ${100 / ACCOUNTS_PER_SCALE})`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new DatasetError(`PaymentsFraud: seed must be an integer in [0, 2^32), got ${String(seed)}`);
  }
  return { scale, seed };
}

/** An ISO date `days` after the start of the period. */
export function paymentsDay(days: number): string {
  return new Date(PAYMENTS_START_MS + days * 86_400_000).toISOString().replace('.000Z', 'Z');
}
