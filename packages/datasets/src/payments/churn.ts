/**
 * The churn task, derived from the transactions alone: at each cut-off, every
 * account that made a transaction in the 30 days before it is a row; its label
 * is 1 when it makes none in the 30 days after. "Makes" means it is the
 * paying account (`transactions.account_id`); money received does not count.
 */
import { DAY } from './sampling.js';
import type { AccountChurnTable, AccountsTable, TransactionsTable } from './tables.js';

/** Cut-offs of the churn task, in days from the start: train, validation, test. */
export const CHURN_CUTOFF_DAYS = [90, 120, 150] as const;
/** Length of the windows before (activity) and after (label) a cut-off. */
export const CHURN_WINDOW_DAYS = 30;

export function churnLabels(accounts: AccountsTable, tx: TransactionsTable): AccountChurnTable {
  const nA = accounts.count;
  const cutoffs = CHURN_CUTOFF_DAYS.map((d) => d * DAY);
  const window = CHURN_WINDOW_DAYS * DAY;
  const before = cutoffs.map(() => new Uint8Array(nA));
  const after = cutoffs.map(() => new Uint8Array(nA));
  for (let i = 0; i < tx.count; i++) {
    const t = tx.time[i]!;
    const a = tx.accountId[i]!;
    for (let j = 0; j < cutoffs.length; j++) {
      const c = cutoffs[j]!;
      if (t > c - window && t <= c) before[j]![a] = 1;
      else if (t > c && t <= c + window) after[j]![a] = 1;
    }
  }
  let rows = 0;
  for (let j = 0; j < cutoffs.length; j++) for (let a = 0; a < nA; a++) if (before[j]![a] === 1 && accounts.openedAt[a]! <= cutoffs[j]!) rows++;
  const out = { count: rows, accountId: new Int32Array(rows), asOf: new Int32Array(rows), churn: new Uint8Array(rows) };
  for (let j = 0, r = 0; j < cutoffs.length; j++) {
    for (let a = 0; a < nA; a++) {
      if (before[j]![a] !== 1 || accounts.openedAt[a]! > cutoffs[j]!) continue;
      out.accountId[r] = a;
      out.asOf[r] = cutoffs[j]!;
      out.churn[r] = after[j]![a] === 1 ? 0 : 1;
      r++;
    }
  }
  return out;
}
