import { describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { digestTables, singleColumnAuc } from '../testing/payments.js';
import { CHURN_CUTOFF_DAYS, CHURN_WINDOW_DAYS } from './churn.js';
import { generatePayments } from './generate.js';
import { DAY, HOUR } from './sampling.js';
import type { PaymentsTables } from './tables.js';
import { ATM, ONLINE, P_CARD_TESTING, P_COMPROMISED, P_MULE, P_NONE, P_RING, POS, ROLE_MULE, ROLE_RECRUITED, ROLE_RING, TRANSFER } from './vocab.js';

const small = generatePayments({ scale: 0.02, seed: 11 });

/** Rows of `fraud_truth` of one pattern, by group: transaction ids. */
function groups(t: PaymentsTables, pattern: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let r = 0; r < t.fraudTruth.count; r++) {
    if (t.fraudTruth.pattern[r] !== pattern) continue;
    const g = t.fraudTruth.groupId[r]!;
    out.set(g, [...(out.get(g) ?? []), t.fraudTruth.transactionId[r]!]);
  }
  return out;
}

describe('generatePayments', () => {
  it('is deterministic for a seed, and another seed gives other tables', () => {
    const a = generatePayments({ scale: 0.01, seed: 3 });
    const b = generatePayments({ scale: 0.01, seed: 3 });
    const c = generatePayments({ scale: 0.01, seed: 4 });
    expect(digestTables(a)).toBe(digestTables(b));
    expect(digestTables(a)).not.toBe(digestTables(c));
  });

  it('has the sizes of its scale and a fraud rate of 1–2 %', () => {
    const tx = small.transactions;
    expect(small.accounts.count).toBeGreaterThanOrEqual(1000);
    expect(tx.count).toBeGreaterThan(18_000);
    expect(tx.count).toBeLessThan(22_000);
    const labelled = tx.isFraud.reduce((s, v) => s + v, 0);
    expect(labelled / tx.count).toBeGreaterThan(0.01);
    expect(labelled / tx.count).toBeLessThan(0.02);
  });

  it('keeps transactions in time order within the period, keys in range, and NULL keys where the channel has none', () => {
    const { transactions: tx, accounts, cards, devices, merchants } = small;
    const bad: number[] = [];
    for (let i = 0; i < tx.count; i++) {
      const ch = tx.channel[i]!;
      const ok =
        (i === 0 || tx.time[i]! >= tx.time[i - 1]!) &&
        tx.accountId[i]! >= 0 &&
        tx.accountId[i]! < accounts.count &&
        tx.cardId[i]! < cards.count &&
        tx.deviceId[i]! < devices.count &&
        tx.merchantId[i]! < merchants.count &&
        tx.counterpartyId[i]! >= 0 === (ch === TRANSFER) &&
        tx.cardId[i]! >= 0 === (ch !== TRANSFER) &&
        tx.deviceId[i]! >= 0 === (ch === ONLINE || ch === TRANSFER) &&
        tx.merchantId[i]! >= 0 === (ch === POS || ch === ONLINE);
      if (!ok) bad.push(i);
    }
    expect(bad).toEqual([]);
    expect(tx.time[0]! >= 0 && tx.time[tx.count - 1]! < 180 * DAY).toBe(true);
  });

  it('ground truth: labels are the truth up to a little noise, and every pattern is planted', () => {
    const { fraudTruth: truth, transactions: tx } = small;
    let fraud = 0;
    let missed = 0;
    let falseAlarms = 0;
    for (let r = 0; r < truth.count; r++) {
      expect(tx.isFraud[truth.transactionId[r]!]).toBe(truth.labelled[r]);
      expect(truth.isFraud[r]).toBe(truth.pattern[r] === P_NONE ? 0 : 1);
      if (truth.isFraud[r] === 1) fraud++;
      if (truth.isFraud[r] === 1 && truth.labelled[r] === 0) missed++;
      if (truth.isFraud[r] === 0) falseAlarms++;
    }
    expect(missed / fraud).toBeLessThan(0.08);
    expect(falseAlarms / fraud).toBeGreaterThan(0.01);
    expect(falseAlarms / fraud).toBeLessThan(0.1);
    for (const pattern of [P_CARD_TESTING, P_RING, P_MULE, P_COMPROMISED]) {
      const planted = groups(small, pattern);
      expect(planted.size).toBeGreaterThanOrEqual(1);
      expect([...planted.values()].flat().length).toBeGreaterThan(50);
    }
  });

  it('card testing: bursts of tiny payments on one card and one device, minutes apart', () => {
    const tx = small.transactions;
    for (const ids of groups(small, P_CARD_TESTING).values()) {
      const tiny = ids.filter((i) => tx.amount[i]! <= 5);
      expect(tiny.length).toBeGreaterThanOrEqual(3);
      expect(new Set(ids.map((i) => tx.cardId[i])).size).toBe(1);
      expect(new Set(ids.map((i) => tx.deviceId[i])).size).toBe(1);
      expect(tx.time[tiny[tiny.length - 1]!]! - tx.time[tiny[0]!]!).toBeLessThan(2 * HOUR * tiny.length);
    }
  });

  it('rings: new accounts of one ring share devices', () => {
    const { transactions: tx, accountTruth, accounts } = small;
    for (const ids of groups(small, P_RING).values()) {
      const members = new Set(ids.map((i) => tx.accountId[i]!));
      for (const a of members) {
        expect(accountTruth.role[a]).toBe(ROLE_RING);
        expect(accounts.openedAt[a]! > -70 * DAY).toBe(true);
      }
      const accountsPerDevice = new Map<number, Set<number>>();
      for (const i of ids) if (tx.deviceId[i]! >= 0) accountsPerDevice.set(tx.deviceId[i]!, (accountsPerDevice.get(tx.deviceId[i]!) ?? new Set()).add(tx.accountId[i]!));
      if (members.size >= 3) expect(Math.max(...[...accountsPerDevice.values()].map((s) => s.size))).toBeGreaterThanOrEqual(2);
    }
  });

  it('mule chains: money passes on within hours, 90–98 % at each hop, through mules', () => {
    const { transactions: tx, accountTruth } = small;
    let hops = 0;
    for (const ids of groups(small, P_MULE).values()) {
      const transfers = ids.filter((i) => tx.channel[i] === TRANSFER);
      for (let k = 0; k + 1 < transfers.length; k++) {
        const [a, b] = [transfers[k]!, transfers[k + 1]!];
        expect(tx.counterpartyId[a]).toBe(tx.accountId[b]);
        expect([ROLE_MULE, ROLE_RECRUITED]).toContain(accountTruth.role[tx.accountId[b]!]);
        const ratio = tx.amount[b]! / tx.amount[a]!;
        expect(ratio).toBeGreaterThan(0.89);
        expect(ratio).toBeLessThan(0.99);
        expect(tx.time[b]! - tx.time[a]!).toBeLessThan(24 * HOUR);
        hops++;
      }
      const last = ids[ids.length - 1]!;
      if (tx.channel[last] !== TRANSFER) expect([ATM, ONLINE]).toContain(tx.channel[last]);
    }
    expect(hops).toBeGreaterThan(0);
  });

  it('compromised merchants: each defrauded card paid at the breached store days before', () => {
    const tx = small.transactions;
    for (const ids of groups(small, P_COMPROMISED).values()) {
      const cards = new Set(ids.map((i) => tx.cardId[i]!));
      const first = Math.min(...ids.map((i) => tx.time[i]!));
      // Stores where these cards paid in person in the 26 days before their first fraud.
      const visitors = new Map<number, Set<number>>();
      for (let i = 0; i < tx.count && tx.time[i]! < first; i++) {
        if (tx.channel[i] !== POS || !cards.has(tx.cardId[i]!) || tx.time[i]! < first - 26 * DAY) continue;
        visitors.set(tx.merchantId[i]!, (visitors.get(tx.merchantId[i]!) ?? new Set()).add(tx.cardId[i]!));
      }
      expect(visitors.size).toBeGreaterThan(0);
    }
  });

  it('benign look-alikes: legitimate shared devices, bursts of tiny payments and fast in→out flows', () => {
    const { transactions: tx, fraudTruth } = small;
    const fraud = new Uint8Array(tx.count);
    for (let r = 0; r < fraudTruth.count; r++) fraud[fraudTruth.transactionId[r]!] = fraudTruth.isFraud[r]!;
    // Devices used by several accounts, none of whose payments is fraud.
    const users = new Map<number, Set<number>>();
    const dirty = new Set<number>();
    for (let i = 0; i < tx.count; i++) {
      const d = tx.deviceId[i]!;
      if (d < 0) continue;
      users.set(d, (users.get(d) ?? new Set()).add(tx.accountId[i]!));
      if (fraud[i] === 1) dirty.add(d);
    }
    const shared = [...users].filter(([, u]) => u.size >= 2);
    expect(shared.filter(([d]) => !dirty.has(d)).length).toBeGreaterThan(shared.filter(([d]) => dirty.has(d)).length);
    // Legitimate cards with 3 payments under 5 within ten minutes.
    const last = new Map<number, number[]>();
    let bursts = 0;
    for (let i = 0; i < tx.count; i++) {
      if (fraud[i] === 1 || tx.cardId[i]! < 0 || tx.amount[i]! >= 5) continue;
      const times = [...(last.get(tx.cardId[i]!) ?? []), tx.time[i]!].filter((t) => t > tx.time[i]! - 600);
      last.set(tx.cardId[i]!, times);
      if (times.length === 3) bursts++;
    }
    expect(bursts).toBeGreaterThan(5);
    // Legitimate transfers out of 80–100 % of a transfer in of 500 or more, within 6 hours.
    const incoming = new Map<number, [number, number]>();
    let fast = 0;
    for (let i = 0; i < tx.count; i++) {
      if (tx.channel[i] !== TRANSFER) continue;
      const before = incoming.get(tx.accountId[i]!);
      if (fraud[i] === 0 && before !== undefined && tx.time[i]! - before[0] < 6 * HOUR && before[1] >= tx.amount[i]! && tx.amount[i]! > 0.8 * before[1] && before[1] >= 500) fast++;
      incoming.set(tx.counterpartyId[i]!, [tx.time[i]!, tx.amount[i]!]);
    }
    expect(fast).toBeGreaterThan(10);
  });

  it('no single column separates the classes (best ROC-AUC < 0.75), joined entity columns included', () => {
    const { transactions: tx, accounts, cards, devices } = generatePayments({ scale: 0.05, seed: 11 });
    const y = tx.isFraud;
    const hour = Array.from(tx.time, (t) => Math.floor((t % DAY) / HOUR));
    const dow = Array.from(tx.time, (t) => Math.floor(t / DAY) % 7);
    const of = <T extends ArrayLike<number>>(column: T, key: Int32Array, none: number): number[] => Array.from(key, (k) => (k < 0 ? none : column[k]!));
    const columns: [string, ArrayLike<number>, boolean][] = [
      ['amount', tx.amount, false],
      ['hour', hour, true],
      ['day of week', dow, true],
      ['channel', tx.channel, true],
      ['category', tx.category, true],
      ['account kyc', of(accounts.kycLevel, tx.accountId, -1), true],
      ['account e-mail', of(accounts.emailDomain, tx.accountId, -1), true],
      ['account opened', of(accounts.openedAt, tx.accountId, -1), false],
      ['holder age', of(accounts.holderAge, tx.accountId, -1).map((v) => (Number.isNaN(v) ? -1 : v)), false],
      ['card type', of(cards.cardType, tx.cardId, -1), true],
      ['device type', of(devices.deviceType, tx.deviceId, -1), true],
      ['device first seen', of(devices.firstSeen, tx.deviceId, -1e9), false],
    ];
    const aucs = Object.fromEntries(columns.map(([name, values, categorical]) => [name, singleColumnAuc(values, y, categorical)]));
    for (const [name, auc] of Object.entries(aucs)) expect(auc, `${name}: ${auc}`).toBeLessThan(0.75);
  });

  it('churn labels follow the activity before and after each cut-off', () => {
    const { accountChurn: churn, transactions: tx, accounts } = small;
    const window = CHURN_WINDOW_DAYS * DAY;
    const last = new Map<string, boolean>();
    for (let i = 0; i < tx.count; i++) {
      for (const d of CHURN_CUTOFF_DAYS) {
        const c = d * DAY;
        if (tx.time[i]! > c - window && tx.time[i]! <= c) last.set(`${d}:${tx.accountId[i]}:before`, true);
        if (tx.time[i]! > c && tx.time[i]! <= c + window) last.set(`${d}:${tx.accountId[i]}:after`, true);
      }
    }
    let rows = 0;
    for (const d of CHURN_CUTOFF_DAYS) for (let a = 0; a < accounts.count; a++) if (last.has(`${d}:${a}:before`)) rows++;
    expect(churn.count).toBe(rows);
    let churned = 0;
    for (let r = 0; r < churn.count; r++) {
      const d = churn.asOf[r]! / DAY;
      const a = churn.accountId[r]!;
      expect(last.has(`${d}:${a}:before`)).toBe(true);
      expect(churn.churn[r]).toBe(last.has(`${d}:${a}:after`) ? 0 : 1);
      churned += churn.churn[r]!;
    }
    expect(churned / churn.count).toBeGreaterThan(0.05);
    expect(churned / churn.count).toBeLessThan(0.4);
  });

  it('rejects bad options with a DatasetError naming them', () => {
    expect(() => generatePayments({ scale: 0 })).toThrow(DatasetError);
    expect(() => generatePayments({ scale: 11 })).toThrow(/scale must be a number in \(0, 10\]/);
    expect(() => generatePayments({ scale: 0.0001 })).toThrow(/fewer than 100 accounts/);
    expect(() => generatePayments({ scale: 0.01, seed: -1 })).toThrow(/seed must be an integer/);
  });

  it('reports progress from 0 to 1', () => {
    const seen: number[] = [];
    generatePayments({ scale: 0.005, onProgress: (p) => seen.push(p.fraction) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
  });
});

