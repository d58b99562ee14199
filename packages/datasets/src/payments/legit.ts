/**
 * Legitimate transactions of every customer: purchases in stores (mostly at a
 * few favourite merchants of their region) and online, transfers to contacts
 * and businesses, cash withdrawals, monthly salaries with rent paid soon after,
 * money forwarded home (a benign fast in→out flow), and gamers' sessions of
 * micro-purchases (benign bursts of small online amounts).
 */
import type { MerchantIndex } from './entities.js';
import { BUSINESS_CDF, BUSINESS_PERSONA, PERSONA_CDFS } from './entities.js';
import { atHourOfDay, cents, cumulative, DAY, exponential, HOUR, logNormal, ONLINE_HOURS, pick, poisson, STORE_HOURS, uniform } from './sampling.js';
import { ATM, CAT, CAT_CASH, CAT_TRANSFER, CATEGORIES, ONLINE, POS, REGIONS, TRANSFER } from './vocab.js';
import { mix, NEVER, type World } from './world.js';

const PERSONAL_CHANNELS = cumulative([0.5, 0.35, 0.1, 0.05]);
const BUSINESS_CHANNELS = cumulative([0.15, 0.4, 0.45, 0]);
const MONTH_STARTS = [0, 31, 60, 91, 121, 152, 182];
const GAMER_PERSONA = 6;
const GAME_PRICES = [0.99, 1.99, 4.99, 9.99];

export interface LegitContext {
  readonly world: World;
  readonly merchants: MerchantIndex;
  /** Number of customer accounts (ids 0 … customers-1). */
  readonly customers: number;
  readonly businesses: Int32Array;
  readonly familyHeads: Int32Array;
}

/** A store merchant of category `c` near `region` (or anywhere), or -1. */
export function storeMerchant(ctx: LegitContext, c: number, region: number): number {
  const { rng } = ctx.world;
  const r = rng.next() < 0.9 ? region : rng.int(REGIONS.length);
  let list = ctx.merchants.store[c * REGIONS.length + r]!;
  if (list.ids.length === 0) list = ctx.merchants.store[c * REGIONS.length + rng.int(REGIONS.length)]!;
  return list.ids.length === 0 ? -1 : list.ids[pick(rng, list.cdf)]!;
}

/** An online merchant of category `c` (marketplace when `c` has none). */
export function onlineMerchant(ctx: LegitContext, c: number): number {
  let list = ctx.merchants.online[c]!;
  if (list.ids.length === 0) list = ctx.merchants.online[CAT['marketplace']!]!;
  return list.ids[pick(ctx.world.rng, list.cdf)]!;
}

function purchaseAmount(ctx: LegitContext, c: number): number {
  const spec = CATEGORIES[c]!;
  return cents(logNormal(ctx.world.rng, spec.median, spec.sigma));
}

/** The device a customer pays online with: own, or the family / public device. */
function onlineDevice(ctx: LegitContext, a: number, t: number): number {
  const w = ctx.world;
  const shared = w.accSharedDevice.get(a);
  if (shared >= 0 && w.rng.next() < (w.devType.get(shared) === 3 ? 0.4 : 0.3) && w.devFirstSeen.get(shared) <= t) return shared;
  return w.ownDevice(a, t);
}

/** A customer's card: own, or (in families, 5 %) the family head's main card. */
function payingCard(ctx: LegitContext, a: number): number {
  const w = ctx.world;
  const family = w.accType.get(a) === 0 && w.accSharedDevice.get(a) >= 0 && w.devType.get(w.accSharedDevice.get(a)) !== 3 ? w.accGroup.get(a) : -1;
  if (family >= 0 && w.rng.next() < 0.05) return w.accFirstCard.get(ctx.familyHeads[family]!);
  return w.ownCard(a);
}

function counterpartyOf(ctx: LegitContext, a: number): number {
  const { rng } = ctx.world;
  const r = rng.next();
  let b: number;
  if (r < 0.5) b = mix(a, rng.int(5)) % ctx.customers;
  else if (r < 0.8 && ctx.businesses.length > 0) b = ctx.businesses[rng.int(ctx.businesses.length)]!;
  else b = rng.int(ctx.customers);
  return b === a ? (a + 1) % ctx.customers : b;
}

/** One legitimate transaction of account `a` on the day of `u` (seconds). */
function legitTransaction(ctx: LegitContext, a: number, u: number, favourites: readonly number[]): void {
  const w = ctx.world;
  const { rng } = w;
  const business = w.accPersona.get(a) === BUSINESS_PERSONA;
  const categories = business ? BUSINESS_CDF : PERSONA_CDFS[w.accPersona.get(a)]!;
  const channel = pick(rng, business ? BUSINESS_CHANNELS : PERSONAL_CHANNELS);
  if (channel === POS) {
    let m = favourites.length > 0 && rng.next() < 0.55 ? favourites[rng.int(favourites.length)]! : storeMerchant(ctx, pick(rng, categories), w.accRegion.get(a));
    if (m < 0) m = onlineMerchant(ctx, pick(rng, categories));
    const c = w.merCategory.get(m);
    w.addTx(atHourOfDay(rng, u, STORE_HOURS), a, payingCard(ctx, a), -1, m, -1, purchaseAmount(ctx, c), POS, c);
  } else if (channel === ONLINE) {
    const m = onlineMerchant(ctx, pick(rng, categories));
    const c = w.merCategory.get(m);
    const t = atHourOfDay(rng, u, ONLINE_HOURS);
    w.addTx(t, a, payingCard(ctx, a), onlineDevice(ctx, a, t), m, -1, purchaseAmount(ctx, c), ONLINE, c);
  } else if (channel === TRANSFER) {
    const amount = rng.next() < 0.04 ? logNormal(rng, 2500, 0.7) : logNormal(rng, 120, 1.0);
    const t = atHourOfDay(rng, u, ONLINE_HOURS);
    w.addTx(t, a, -1, onlineDevice(ctx, a, t), -1, counterpartyOf(ctx, a), cents(amount), TRANSFER, CAT_TRANSFER);
  } else {
    const amount = Math.max(20, Math.round((rng.next() < 0.25 ? logNormal(rng, 380, 0.45) : logNormal(rng, 100, 0.6)) / 20) * 20);
    w.addTx(atHourOfDay(rng, u, STORE_HOURS), a, w.ownCard(a), -1, -1, -1, amount, ATM, CAT_CASH);
  }
}

/** Activity of `a` at `t` relative to its usual rate: fades over the 40 days before it churns. */
function activity(w: World, a: number, t: number): number {
  const churn = w.accChurnAt.get(a);
  if (churn >= NEVER) return 1;
  const left = (churn - t) / (40 * DAY);
  return left >= 1 ? 1 : Math.max(0.15, left);
}

/** Ordinary purchases, transfers and withdrawals of account `a` over `[from, to)` at its rate × `rateScale`. */
export function customerActivity(ctx: LegitContext, a: number, from: number, to: number, rateScale = 1): void {
  const w = ctx.world;
  const { rng } = w;
  const s = Math.max(0, from);
  const e = Math.min(w.horizon, to, w.accChurnAt.get(a));
  if (e <= s) return;
  const favourites: number[] = [];
  const categories = w.accPersona.get(a) === BUSINESS_PERSONA ? BUSINESS_CDF : PERSONA_CDFS[w.accPersona.get(a)]!;
  for (let k = 0; k < 6; k++) {
    const m = storeMerchant(ctx, pick(rng, categories), w.accRegion.get(a));
    if (m >= 0) favourites.push(m);
  }
  const n = poisson(rng, (w.accRate.get(a) * rateScale * (e - s)) / DAY);
  for (let i = 0; i < n; i++) {
    const u = uniform(rng, s, e);
    if (rng.next() >= activity(w, a, u)) continue;
    legitTransaction(ctx, a, u, favourites);
  }
  if (w.accPersona.get(a) === GAMER_PERSONA) gamerSessions(ctx, a, s, e);
}

/** Sessions of 2–6 in-game purchases within minutes at one merchant: benign bursts. */
function gamerSessions(ctx: LegitContext, a: number, s: number, e: number): void {
  const w = ctx.world;
  const { rng } = w;
  const sessions = poisson(rng, (0.05 * (e - s)) / DAY);
  for (let k = 0; k < sessions; k++) {
    const m = onlineMerchant(ctx, rng.next() < 0.7 ? CAT['gaming']! : CAT['digital_goods']!);
    const card = w.accFirstCard.get(a);
    let t = atHourOfDay(rng, uniform(rng, s, e), ONLINE_HOURS);
    const device = onlineDevice(ctx, a, t);
    const n = 2 + poisson(rng, 2);
    for (let i = 0; i < n && t < e; i++) {
      const amount = rng.next() < 0.6 ? cents(uniform(rng, 0.5, 5)) : GAME_PRICES[rng.int(GAME_PRICES.length)]!;
      w.addTx(t, a, card, device, m, -1, amount, ONLINE, w.merCategory.get(m));
      t += exponential(rng, 240);
    }
  }
}

/**
 * Monthly salaries (45 % of personal customers, paid by a business account),
 * rent paid 0–3 days later by 35 % of them (30–45 % of the salary), and money
 * forwarded home within hours (2 % of customers: 85–95 % of it).
 */
export function salaries(ctx: LegitContext): void {
  const w = ctx.world;
  const { rng } = w;
  if (ctx.businesses.length === 0) return;
  for (let a = 0; a < ctx.customers; a++) {
    if (w.accType.get(a) !== 0 || rng.next() >= 0.45) continue;
    const employer = ctx.businesses[rng.int(ctx.businesses.length)]!;
    const salary = logNormal(rng, 2600, 0.35);
    const paysRent = rng.next() < 0.35;
    const forwards = rng.next() < 0.045;
    const rentShare = uniform(rng, 0.3, 0.45);
    const landlord = counterpartyOf(ctx, a);
    const home = mix(a, 7) % ctx.customers;
    for (let k = 0; k + 1 < MONTH_STARTS.length; k++) {
      const t = (MONTH_STARTS[k]! + rng.int(2)) * DAY + 8 * HOUR + rng.next() * 3 * HOUR;
      if (t >= w.horizon || !w.isActive(employer, t) || !w.isActive(a, t)) continue;
      const pay = cents(salary * uniform(rng, 0.98, 1.02));
      w.addTx(t, employer, -1, w.ownDevice(employer, t), -1, a, pay, TRANSFER, CAT_TRANSFER);
      if (paysRent) {
        const tr = atHourOfDay(rng, t + rng.next() * 3 * DAY, ONLINE_HOURS);
        if (tr > t && tr < w.horizon && w.isActive(a, tr)) w.addTx(tr, a, -1, onlineDevice(ctx, a, tr), -1, landlord, cents(pay * rentShare), TRANSFER, CAT_TRANSFER);
      }
      if (forwards && home !== a) {
        const tf = t + 600 + exponential(rng, 3 * HOUR);
        if (tf < w.horizon && w.isActive(a, tf)) w.addTx(tf, a, -1, onlineDevice(ctx, a, tf), -1, home, cents(pay * uniform(rng, 0.85, 0.95)), TRANSFER, CAT_TRANSFER);
      }
    }
  }
}
