/**
 * Helpers of the payments tests: ROC-AUC with ties, and a digest of tables.
 * (Not exported from the package.)
 */
import { createHash } from 'node:crypto';
import type { PaymentsTables } from '../payments/tables.js';

/** ROC-AUC of `score` for 0/1 `labels`, ties counted half (Mann–Whitney U). */
export function rocAuc(score: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]!] === score[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * The best ROC-AUC a single column reaches: numbers in either direction,
 * categories (codes) scored by their positive rate (the best any per-column rule can do).
 */
export function singleColumnAuc(values: ArrayLike<number>, labels: ArrayLike<number>, categorical: boolean): number {
  if (!categorical) {
    const auc = rocAuc(values, labels);
    return Math.max(auc, 1 - auc);
  }
  const pos = new Map<number, number>();
  const all = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    all.set(values[i]!, (all.get(values[i]!) ?? 0) + 1);
    pos.set(values[i]!, (pos.get(values[i]!) ?? 0) + labels[i]!);
  }
  const rate = Array.from({ length: labels.length }, (_, i) => pos.get(values[i]!)! / all.get(values[i]!)!);
  return rocAuc(rate, labels);
}

/** SHA-256 over every column of every table. */
export function digestTables(t: PaymentsTables): string {
  const hash = createHash('sha256');
  for (const table of [t.accounts, t.cards, t.devices, t.merchants, t.transactions, t.fraudTruth, t.accountTruth, t.accountChurn]) {
    for (const [name, column] of Object.entries(table)) {
      hash.update(name);
      if (ArrayBuffer.isView(column)) hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
      else hash.update(String(column));
    }
  }
  return hash.digest('hex');
}
