/**
 * From the generator's buffers to the published tables: label noise, then
 * transactions sorted by time (ids in time order), and accounts, cards and
 * devices renumbered by a random permutation so that ids say nothing about how
 * a row was made (fraud accounts were appended last).
 */
import type { Rng } from '../random/rng.js';
import type { AccountsTable, AccountTruthTable, CardsTable, DevicesTable, FraudTruthTable, MerchantsTable, TransactionsTable } from './tables.js';
import { ONLINE, P_NONE } from './vocab.js';
import type { World } from './world.js';

/** Share of fraud left unlabelled (never reported). */
export const MISSED_FRAUD = 0.03;
/** Legitimate transactions labelled fraud (false disputes), as a share of the fraud count. */
export const FALSE_DISPUTES = 0.04;

export interface FinalTables {
  accounts: AccountsTable;
  cards: CardsTable;
  devices: DevicesTable;
  merchants: MerchantsTable;
  transactions: TransactionsTable;
  fraudTruth: FraudTruthTable;
  accountTruth: AccountTruthTable;
}

/** Indices of `keys` (< 2^24) in ascending order, stable: an LSD radix sort in three byte passes. */
export function radixOrder(keys: Uint32Array): Int32Array {
  const n = keys.length;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  for (let shift = 0; shift < 24; shift += 8) {
    const counts = new Int32Array(257);
    for (let i = 0; i < n; i++) counts[((keys[order[i]!]! >>> shift) & 255) + 1]!++;
    for (let b = 0; b < 256; b++) counts[b + 1]! += counts[b]!;
    for (let i = 0; i < n; i++) {
      const k = order[i]!;
      next[counts[(keys[k]! >>> shift) & 255]!++] = k;
    }
    [order, next] = [next, order];
  }
  return order;
}

function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return rng.shuffle(p);
}

/** Observed labels: the truth with missed fraud and false disputes (on online purchases above 40). */
function observedLabels(w: World): Uint8Array {
  const n = w.numTransactions;
  const labels = new Uint8Array(n);
  let fraud = 0;
  let eligible = 0;
  for (let i = 0; i < n; i++) {
    if (w.txPattern.get(i) !== P_NONE) fraud++;
    else if (w.txChannel.get(i) === ONLINE && w.txAmount.get(i) > 40) eligible++;
  }
  const pFalse = eligible === 0 ? 0 : Math.min(1, (FALSE_DISPUTES * fraud) / eligible);
  for (let i = 0; i < n; i++) {
    const u = w.rng.next();
    if (w.txPattern.get(i) !== P_NONE) labels[i] = u < MISSED_FRAUD ? 0 : 1;
    else if (w.txChannel.get(i) === ONLINE && w.txAmount.get(i) > 40) labels[i] = u < pFalse ? 1 : 0;
  }
  return labels;
}

export function finalize(w: World): FinalTables {
  const labels = observedLabels(w);
  const accPerm = permutation(w.rng, w.numAccounts);
  const cardPerm = permutation(w.rng, w.numCards);
  const devPerm = permutation(w.rng, w.numDevices);
  const remap = (perm: Int32Array, id: number): number => (id < 0 ? -1 : perm[id]!);

  // Transactions in time order (whole seconds; ties keep the order they were made in).
  const total = w.numTransactions;
  const keys = new Uint32Array(total);
  let kept = 0;
  for (let i = 0; i < total; i++) {
    const t = Math.floor(w.txTime.get(i));
    keys[i] = t < 0 || t >= w.horizon ? 0xffffff : t;
    if (keys[i] !== 0xffffff) kept++;
  }
  const order = radixOrder(keys).subarray(0, kept); // out-of-period rows sort last and are dropped
  const tx = {
    count: kept,
    time: new Int32Array(kept),
    accountId: new Int32Array(kept),
    cardId: new Int32Array(kept),
    deviceId: new Int32Array(kept),
    merchantId: new Int32Array(kept),
    counterpartyId: new Int32Array(kept),
    amount: new Float64Array(kept),
    channel: new Uint8Array(kept),
    category: new Uint8Array(kept),
    isFraud: new Uint8Array(kept),
  };
  let truthRows = 0;
  for (let j = 0; j < kept; j++) {
    const i = order[j]!;
    tx.time[j] = keys[i]!;
    tx.accountId[j] = accPerm[w.txAccount.get(i)]!;
    tx.cardId[j] = remap(cardPerm, w.txCard.get(i));
    tx.deviceId[j] = remap(devPerm, w.txDevice.get(i));
    tx.merchantId[j] = w.txMerchant.get(i);
    tx.counterpartyId[j] = remap(accPerm, w.txCounterparty.get(i));
    tx.amount[j] = w.txAmount.get(i);
    tx.channel[j] = w.txChannel.get(i);
    tx.category[j] = w.txCategory.get(i);
    tx.isFraud[j] = labels[i]!;
    if (labels[i] === 1 || w.txPattern.get(i) !== P_NONE) truthRows++;
  }
  const truth = {
    count: truthRows,
    transactionId: new Int32Array(truthRows),
    pattern: new Uint8Array(truthRows),
    groupId: new Int32Array(truthRows),
    isFraud: new Uint8Array(truthRows),
    labelled: new Uint8Array(truthRows),
  };
  for (let j = 0, r = 0; j < kept; j++) {
    const i = order[j]!;
    const pattern = w.txPattern.get(i);
    if (labels[i] !== 1 && pattern === P_NONE) continue;
    truth.transactionId[r] = j;
    truth.pattern[r] = pattern;
    truth.groupId[r] = pattern === P_NONE ? -1 : w.txGroup.get(i);
    truth.isFraud[r] = pattern === P_NONE ? 0 : 1;
    truth.labelled[r] = labels[i]!;
    r++;
  }

  const nA = w.numAccounts;
  const accounts = {
    count: nA,
    openedAt: new Int32Array(nA),
    accountType: new Uint8Array(nA),
    region: new Uint8Array(nA),
    kycLevel: new Uint8Array(nA),
    holderAge: new Float64Array(nA),
    emailDomain: new Uint8Array(nA),
  };
  const accountTruth = { count: nA, role: new Uint8Array(nA), groupId: new Int32Array(nA), churnAt: new Int32Array(nA) };
  for (let a = 0; a < nA; a++) {
    const p = accPerm[a]!;
    accounts.openedAt[p] = w.accOpened.get(a);
    accounts.accountType[p] = w.accType.get(a);
    accounts.region[p] = w.accRegion.get(a);
    accounts.kycLevel[p] = w.accKyc.get(a);
    accounts.holderAge[p] = w.accHolderAge.get(a);
    accounts.emailDomain[p] = w.accEmail.get(a);
    accountTruth.role[p] = w.accRole.get(a);
    accountTruth.groupId[p] = w.accGroup.get(a);
    accountTruth.churnAt[p] = w.accChurnAt.get(a);
  }
  const nC = w.numCards;
  const cards = { count: nC, accountId: new Int32Array(nC), cardType: new Uint8Array(nC), issuedAt: new Int32Array(nC) };
  for (let c = 0; c < nC; c++) {
    const p = cardPerm[c]!;
    cards.accountId[p] = accPerm[w.cardAccount.get(c)]!;
    cards.cardType[p] = w.cardType.get(c);
    cards.issuedAt[p] = w.cardIssued.get(c);
  }
  const nD = w.numDevices;
  const devices = { count: nD, deviceType: new Uint8Array(nD), firstSeen: new Int32Array(nD) };
  for (let d = 0; d < nD; d++) {
    const p = devPerm[d]!;
    devices.deviceType[p] = w.devType.get(d);
    devices.firstSeen[p] = w.devFirstSeen.get(d);
  }
  const merchants = {
    count: w.numMerchants,
    category: w.merCategory.toArray(),
    region: w.merRegion.toArray(),
    online: w.merOnline.toArray(),
    store: w.merStore.toArray(),
  };
  return { accounts, cards, devices, merchants, transactions: tx, fraudTruth: truth, accountTruth };
}
