/**
 * The legitimate world: merchants, customers (personal and business accounts)
 * with their cards and devices, families that share a device, and public
 * devices (kiosks, shared computers) that many customers use: the benign
 * look-alikes of the fraud rings' shared devices.
 */
import { cumulative, DAY, logNormal, pick, uniform } from './sampling.js';
import { CATEGORIES, REGION_WEIGHTS, REGIONS, ROLE_CUSTOMER } from './vocab.js';
import { NEVER, type World } from './world.js';

/** Spending personas: category weights multiplied onto the global shares. */
const PERSONAS: readonly Record<string, number>[] = [
  {},
  {},
  { grocery: 2, pharmacy: 2, utilities: 1.5 },
  { transport: 3, fuel: 2, restaurant: 1.5 },
  { electronics: 3, digital_goods: 2, marketplace: 2 },
  { travel: 4, restaurant: 2 },
  { gaming: 5, digital_goods: 3 },
  { fashion: 3, marketplace: 2, jewelry: 2 },
  { crypto: 8, electronics: 1.5 },
  { gift_cards: 3, marketplace: 2, fashion: 1.5 },
];
export const PERSONA_CDFS: readonly Float64Array[] = PERSONAS.map((boost) => cumulative(CATEGORIES.map((c) => c.spendShare * (boost[c.name] ?? 1))));
const PERSONA_CDF = cumulative([6, 6, 2, 2, 1.2, 0.8, 1, 1.2, 0.8, 0.6]);
/** Businesses buy supplies, software, travel and utilities. */
export const BUSINESS_PERSONA = PERSONAS.length;
export const BUSINESS_CDF = cumulative(CATEGORIES.map((c) => ({ utilities: 4, electronics: 3, travel: 2, marketplace: 3, digital_goods: 2, fuel: 2 })[c.name] ?? 0.3));

export const REGION_CDF = cumulative(REGION_WEIGHTS);

/** Where merchants of each category (and region) are, weighted by popularity. */
export interface MerchantIndex {
  /** Store merchants by `category * regions + region`. */
  readonly store: readonly { ids: Int32Array; cdf: Float64Array }[];
  /** Online merchants by category. */
  readonly online: readonly { ids: Int32Array; cdf: Float64Array }[];
}

export function makeMerchants(world: World, count: number): MerchantIndex {
  const { rng } = world;
  const shareCdf = cumulative(CATEGORIES.map((c) => c.merchantShare));
  const k = CATEGORIES.length;
  for (let m = 0; m < count; m++) {
    // The first merchants give every category an online shop and a store; the rest are drawn.
    const c = m < 2 * k ? m % k : pick(rng, shareCdf);
    const onlineOnly = m < 2 * k ? m < k || CATEGORIES[c]!.onlineOnly === 1 : rng.next() < CATEGORIES[c]!.onlineOnly;
    world.merCategory.push(c);
    world.merRegion.push(pick(rng, REGION_CDF));
    world.merStore.push(onlineOnly ? 0 : 1);
    world.merOnline.push(onlineOnly || (m >= 2 * k && rng.next() < 0.2) ? 1 : 0);
    world.merPopularity.push(logNormal(rng, 1, 1.3));
  }
  const build = (keep: (m: number) => boolean): { ids: Int32Array; cdf: Float64Array } => {
    const ids: number[] = [];
    for (let m = 0; m < count; m++) if (keep(m)) ids.push(m);
    return { ids: Int32Array.from(ids), cdf: cumulative(ids.map((m) => world.merPopularity.get(m))) };
  };
  const store: { ids: Int32Array; cdf: Float64Array }[] = [];
  for (let c = 0; c < CATEGORIES.length; c++) {
    for (let r = 0; r < REGIONS.length; r++) {
      store.push(build((m) => world.merStore.get(m) === 1 && world.merCategory.get(m) === c && world.merRegion.get(m) === r));
    }
  }
  const online = CATEGORIES.map((_, c) => build((m) => world.merOnline.get(m) === 1 && world.merCategory.get(m) === c));
  return { store, online };
}

/** Customer accounts of the legitimate world, with their cards and devices. */
export function makeCustomers(world: World, count: number): void {
  const { rng, horizon } = world;
  for (let a = 0; a < count; a++) {
    const business = rng.next() < 0.06;
    const isNew = rng.next() < 0.12;
    // Most accounts were opened in the 8 years before the period, 12 % during it.
    const opened = isNew ? Math.floor(uniform(rng, 0, horizon - 5 * DAY)) : -Math.floor(DAY * (30 + 2900 * rng.next() ** 1.5));
    const kycU = rng.next();
    const kyc = isNew ? (kycU < 0.45 ? 0 : kycU < 0.88 ? 1 : 2) : kycU < 0.1 ? 0 : kycU < 0.45 ? 1 : 2;
    world.accOpened.push(opened);
    world.accType.push(business ? 1 : 0);
    world.accRegion.push(pick(rng, REGION_CDF));
    world.accKyc.push(kyc);
    world.accHolderAge.push(business || rng.next() < 0.05 ? NaN : Math.round(Math.min(90, Math.max(18, 42 + 15 * rng.normal()))));
    const e = rng.next();
    world.accEmail.push(business ? (e < 0.8 ? 2 : 0) : e < 0.7 ? 0 : e < 0.9 ? 1 : e < 0.97 ? 2 : 3);
    world.accRole.push(ROLE_CUSTOMER);
    world.accGroup.push(-1);
    // Transactions per day, heavy-tailed; businesses transact more.
    world.accRate.push(logNormal(rng, 0.062, 0.85) * (business ? 4 : 1));
    world.accChurnAt.push(NEVER);
    world.accPersona.push(business ? BUSINESS_PERSONA : pick(rng, PERSONA_CDF));
    world.accSharedDevice.push(-1);

    const u = rng.next();
    const nCards = business ? 2 + rng.int(4) : u < 0.6 ? 1 : u < 0.9 ? 2 : 3;
    world.accFirstCard.push(world.numCards);
    world.accCardCount.push(nCards);
    for (let k = 0; k < nCards; k++) {
      const tU = rng.next();
      const issued = opened + Math.floor(rng.next() * Math.max(0, Math.min(-opened, 3 * 365 * DAY)));
      world.addCard(a, tU < 0.55 ? 0 : tU < 0.95 ? 1 : 2, Math.max(opened, issued));
    }
    const v = rng.next();
    const nDevices = business ? 1 + rng.int(2) : v < 0.55 ? 1 : v < 0.9 ? 2 : 3;
    world.accFirstDevice.push(world.numDevices);
    world.accDeviceCount.push(nDevices);
    for (let k = 0; k < nDevices; k++) {
      const d = rng.next();
      // A second or third device is new during the period a third of the time (a new phone).
      const seen = k > 0 && rng.next() < 0.35 ? uniform(rng, 0, horizon) : opened + rng.next() * Math.max(0, Math.min(-opened, 2 * 365 * DAY));
      world.addDevice(d < 0.4 ? 0 : d < 0.8 ? 1 : d < 0.97 ? 2 : 3, Math.floor(Math.max(opened, seen)));
    }
  }
}

/**
 * Families (2–4 personal accounts of one region) get one extra device they all
 * use (their `accGroup` is the family's index; the result lists each family's
 * first member, whose main card the others borrow now and then); public
 * devices (type `other`, seen for years) serve 20–80 customers each. Both make
 * legitimate devices with many accounts.
 */
export function shareDevices(world: World, customers: number): Int32Array {
  const { rng } = world;
  const families = Math.round(customers * 0.035);
  const heads: number[] = [];
  for (let f = 0; f < families; f++) {
    const size = 2 + rng.int(3);
    const first = rng.int(customers);
    const region = world.accRegion.get(first);
    const members = [first];
    for (let tries = 0; members.length < size && tries < 50; tries++) {
      const m = rng.int(customers);
      if (world.accType.get(m) === 0 && world.accSharedDevice.get(m) < 0 && world.accRegion.get(m) === region && !members.includes(m)) members.push(m);
    }
    if (members.length < 2 || world.accType.get(first) !== 0 || world.accSharedDevice.get(first) >= 0) continue;
    const oldest = Math.min(...members.map((m) => world.accOpened.get(m)));
    const device = world.addDevice(rng.next() < 0.5 ? 2 : 0, Math.max(oldest, -400 * DAY));
    for (const m of members) {
      world.accSharedDevice.set(m, device);
      world.accGroup.set(m, heads.length);
    }
    heads.push(first);
  }
  const kiosks = Math.max(1, Math.round(customers / 2000));
  for (let k = 0; k < kiosks; k++) {
    const device = world.addDevice(3, -Math.floor(DAY * (200 + 1500 * rng.next())));
    const users = 20 + rng.int(61);
    for (let u = 0; u < users; u++) {
      const m = rng.int(customers);
      if (world.accSharedDevice.get(m) < 0) world.accSharedDevice.set(m, device);
    }
  }
  return Int32Array.from(heads);
}

/**
 * Who stops transacting, and when: 28 % of personal and 10 % of business
 * accounts churn at a time uniform over days 30–240 (so about two thirds of
 * them within the period); new, basic-KYC and quiet customers churn more.
 */
export function planChurn(world: World, customers: number): void {
  const { rng } = world;
  for (let a = 0; a < customers; a++) {
    let p = world.accType.get(a) === 1 ? 0.1 : 0.28;
    if (world.accOpened.get(a) > -180 * DAY) p *= 1.4;
    if (world.accKyc.get(a) === 0) p *= 1.3;
    if (world.accRate.get(a) < 0.04) p *= 1.4;
    if (rng.next() < Math.min(0.9, p)) {
      const at = Math.floor(uniform(rng, 30 * DAY, 240 * DAY));
      world.accChurnAt.set(a, Math.max(at, world.accOpened.get(a) + 20 * DAY));
    }
  }
}
