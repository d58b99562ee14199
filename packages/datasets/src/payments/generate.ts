/**
 * `generatePayments`: the whole synthetic payments dataset, deterministic for
 * a seed and scale, as typed-array tables (see the package README, "PaymentsFraud:
 * how the data is made"). Pure TypeScript: runs in browsers too.
 */
import { churnLabels } from './churn.js';
import { makeCustomers, makeMerchants, planChurn, shareDevices } from './entities.js';
import { finalize } from './finalize.js';
import { plantCardTesting } from './fraud_card_testing.js';
import { plantCompromisedMerchants } from './fraud_compromised.js';
import { plantMuleChains } from './fraud_mules.js';
import { plantRings } from './fraud_rings.js';
import { customerActivity, salaries, type LegitContext } from './legit.js';
import { ACCOUNTS_PER_SCALE, PAYMENTS_DAYS, resolvePaymentsOptions, TRANSACTIONS_PER_SCALE, type PaymentsOptions } from './options.js';
import { DAY } from './sampling.js';
import type { PaymentsTables } from './tables.js';
import { World } from './world.js';

/** Fraud as a share of all transactions, before label noise. */
export const FRAUD_RATE = 0.015;
/** How the fraud splits between the patterns. */
export const PATTERN_SHARES = { cardTesting: 0.25, rings: 0.3, muleChains: 0.2, compromisedMerchants: 0.25 } as const;

/**
 * Generates the payments tables.
 *
 * @example
 * ```ts
 * import { generatePayments } from '@gnnjs/datasets';
 *
 * const tables = generatePayments({ scale: 0.01, seed: 7 }); // about 500 accounts, 10 000 transactions
 * tables.transactions.count; // ≈ 10 000, sorted by time
 * tables.transactions.isFraud; // Uint8Array of labels, about 1.5 % ones
 * ```
 */
export function generatePayments(options: PaymentsOptions = {}): PaymentsTables {
  const resolved = resolvePaymentsOptions(options);
  const report = (stage: string, fraction: number): void => options.onProgress?.({ stage, fraction });
  const w = new World(resolved.seed, PAYMENTS_DAYS * DAY);
  const customers = Math.round(resolved.scale * ACCOUNTS_PER_SCALE);

  report('entities', 0);
  const merchants = makeMerchants(w, Math.max(60, Math.round(resolved.scale * 5000)));
  makeCustomers(w, customers);
  const familyHeads = shareDevices(w, customers);
  planChurn(w, customers);
  const businesses: number[] = [];
  for (let a = 0; a < customers; a++) if (w.accType.get(a) === 1) businesses.push(a);
  const ctx: LegitContext = { world: w, merchants, customers, businesses: Int32Array.from(businesses), familyHeads };

  const step = Math.max(1, Math.floor(customers / 50));
  for (let a = 0; a < customers; a++) {
    if (a % step === 0) report('customers', 0.02 + (0.68 * a) / customers);
    customerActivity(ctx, a, w.accOpened.get(a), w.horizon);
  }
  salaries(ctx);

  const fraud = FRAUD_RATE * TRANSACTIONS_PER_SCALE * resolved.scale;
  report('card_testing', 0.72);
  plantCardTesting(ctx, Math.max(10, fraud * PATTERN_SHARES.cardTesting));
  report('rings', 0.75);
  plantRings(ctx, Math.max(10, fraud * PATTERN_SHARES.rings));
  report('mule_chains', 0.78);
  plantMuleChains(ctx, Math.max(10, fraud * PATTERN_SHARES.muleChains));
  report('compromised_merchants', 0.8);
  plantCompromisedMerchants(ctx, Math.max(10, fraud * PATTERN_SHARES.compromisedMerchants));

  report('labels', 0.85);
  const tables = finalize(w);
  report('churn', 0.95);
  const accountChurn = churnLabels(tables.accounts, tables.transactions);
  report('tables', 1);
  return { options: resolved, ...tables, accountChurn };
}
