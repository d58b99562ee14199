/**
 * The generator's working state: entity columns (accounts, cards, devices,
 * merchants), per-account behaviour the tables do not show, and the
 * transaction buffer. Every table is a set of typed-array columns.
 */
import { Rng } from '../random/rng.js';
import { f64, i32, u8 } from './columns.js';
import { P_NONE } from './vocab.js';

/** Seconds, relative to the start of the period, standing for "never". */
export const NEVER = 2_000_000_000;

export class World {
  readonly rng: Rng;

  // accounts (times in seconds from the start of the period)
  readonly accOpened = i32();
  readonly accType = u8();
  readonly accRegion = u8();
  readonly accKyc = u8();
  readonly accHolderAge = f64();
  readonly accEmail = u8();
  // hidden behaviour of accounts
  readonly accRole = u8();
  readonly accGroup = i32();
  readonly accChurnAt = i32();
  readonly accRate = f64();
  readonly accFirstCard = i32();
  readonly accCardCount = u8();
  readonly accFirstDevice = i32();
  readonly accDeviceCount = u8();
  readonly accSharedDevice = i32();
  readonly accPersona = u8();

  // cards
  readonly cardAccount = i32();
  readonly cardType = u8();
  readonly cardIssued = i32();

  // devices
  readonly devType = u8();
  readonly devFirstSeen = i32();

  // merchants
  readonly merCategory = u8();
  readonly merRegion = u8();
  readonly merOnline = u8();
  readonly merStore = u8();
  readonly merPopularity = f64();

  // transactions
  readonly txTime = f64(1 << 16);
  readonly txAccount = i32(1 << 16);
  readonly txCard = i32(1 << 16);
  readonly txDevice = i32(1 << 16);
  readonly txMerchant = i32(1 << 16);
  readonly txCounterparty = i32(1 << 16);
  readonly txAmount = f64(1 << 16);
  readonly txChannel = u8(1 << 16);
  readonly txCategory = u8(1 << 16);
  readonly txPattern = u8(1 << 16);
  readonly txGroup = i32(1 << 16);

  constructor(
    seed: number,
    /** Length of the period in seconds. */
    readonly horizon: number,
  ) {
    this.rng = new Rng(seed);
  }

  get numAccounts(): number {
    return this.accOpened.length;
  }
  get numCards(): number {
    return this.cardAccount.length;
  }
  get numDevices(): number {
    return this.devType.length;
  }
  get numMerchants(): number {
    return this.merCategory.length;
  }
  get numTransactions(): number {
    return this.txTime.length;
  }

  addDevice(type: number, firstSeen: number): number {
    this.devType.push(type);
    this.devFirstSeen.push(firstSeen);
    return this.devType.length - 1;
  }

  addCard(account: number, type: number, issued: number): number {
    this.cardAccount.push(account);
    this.cardType.push(type);
    this.cardIssued.push(issued);
    return this.cardAccount.length - 1;
  }

  /** Whether `account` exists and has not churned at `t`. */
  isActive(account: number, t: number): boolean {
    return this.accOpened.get(account) <= t && t < this.accChurnAt.get(account);
  }

  /** One of the account's own cards (the first, its main card, most often). */
  ownCard(account: number, mainShare = 0.7): number {
    const n = this.accCardCount.get(account);
    const first = this.accFirstCard.get(account);
    if (n <= 1 || this.rng.next() < mainShare) return first;
    return first + 1 + this.rng.int(n - 1);
  }

  /** One of the account's own devices that exists at `t` (the first one is the oldest). */
  ownDevice(account: number, t = Infinity): number {
    const n = this.accDeviceCount.get(account);
    const first = this.accFirstDevice.get(account);
    if (n <= 1) return first;
    const d = first + this.rng.int(n);
    return this.devFirstSeen.get(d) <= t ? d : first;
  }

  /** Appends a transaction; `-1` is "none" for card, device, merchant and counterparty. */
  addTx(
    t: number,
    account: number,
    card: number,
    device: number,
    merchant: number,
    counterparty: number,
    amount: number,
    channel: number,
    category: number,
    pattern = P_NONE,
    group = -1,
  ): void {
    this.txTime.push(t);
    this.txAccount.push(account);
    this.txCard.push(card);
    this.txDevice.push(device);
    this.txMerchant.push(merchant);
    this.txCounterparty.push(counterparty);
    this.txAmount.push(amount);
    this.txChannel.push(channel);
    this.txCategory.push(category);
    this.txPattern.push(pattern);
    this.txGroup.push(group);
  }
}

/** A deterministic pseudo-random 32-bit mix of two integers (contacts without storing them). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  h ^= h >>> 13;
  return h >>> 0;
}
