/**
 * What the fraud patterns share: fraudsters' devices, cash-out purchases and
 * picking a victim who is active at a given time.
 */
import { onlineMerchant, storeMerchant, type LegitContext } from './legit.js';
import { cents, cumulative, logNormal, pick } from './sampling.js';
import { CAT, CATEGORIES, ONLINE, POS } from './vocab.js';

/** Fraudsters' devices: desktops, `other` (emulators) and phones, first seen when they start. */
const FRAUD_DEVICE_TYPES = cumulative([0.2, 0.25, 0.3, 0.25]);

/** A fraudster's device in use from `firstSeen`; `reused`: an old device (seen up to two years earlier) half of the time. */
export function fraudDevice(ctx: LegitContext, firstSeen: number, reused = false): number {
  const { rng } = ctx.world;
  const seen = reused && rng.next() < 0.5 ? firstSeen - rng.next() * 730 * 86_400 : firstSeen;
  return ctx.world.addDevice(pick(rng, FRAUD_DEVICE_TYPES), Math.floor(seen));
}

/** What stolen money buys online: resellable goods and gift cards most, but everyday things too. */
const ONLINE_CASH_OUT = ['electronics', 'gift_cards', 'jewelry', 'marketplace', 'travel', 'digital_goods', 'fashion', 'crypto'].map((c) => CAT[c]!);
const ONLINE_CASH_OUT_CDF = cumulative([2.2, 1.2, 0.5, 2, 1.4, 1, 2, 0.2]);
/** … and in stores, with cloned cards. */
const STORE_CASH_OUT = ['electronics', 'jewelry', 'fashion', 'grocery', 'fuel', 'restaurant'].map((c) => CAT[c]!);
const STORE_CASH_OUT_CDF = cumulative([1.5, 0.5, 2, 2.2, 1.2, 1.5]);

/** A high-value purchase (online on `device`, or in a store when `device` is -1); false when no store was found. */
export function cashOutPurchase(ctx: LegitContext, t: number, account: number, card: number, device: number, pattern: number, group: number, scale = 2): boolean {
  const w = ctx.world;
  const inStore = device < 0;
  const c = inStore ? STORE_CASH_OUT[pick(w.rng, STORE_CASH_OUT_CDF)]! : ONLINE_CASH_OUT[pick(w.rng, ONLINE_CASH_OUT_CDF)]!;
  const m = inStore ? storeMerchant(ctx, c, w.rng.int(8)) : onlineMerchant(ctx, c);
  if (m < 0) return false;
  const spec = CATEGORIES[w.merCategory.get(m)]!;
  const amount = cents(logNormal(w.rng, spec.median * scale, 0.7));
  w.addTx(t, account, card, inStore ? -1 : device, m, -1, amount, inStore ? POS : ONLINE, w.merCategory.get(m), pattern, group);
  return true;
}

/** A random customer active at `t` (rejection sampling), or -1 after many tries. */
export function activeCustomer(ctx: LegitContext, t: number): number {
  for (let tries = 0; tries < 200; tries++) {
    const a = ctx.world.rng.int(ctx.customers);
    if (ctx.world.isActive(a, t)) return a;
  }
  return -1;
}
