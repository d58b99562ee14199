/**
 * Card testing: a crew holding stolen card numbers checks each card with a
 * burst of tiny online payments (a few minutes apart, at a handful of small
 * digital merchants the crew favours), then cashes out the cards that work on
 * resellable goods hours later. Crews reuse their devices across many victims'
 * cards; a quarter of the bursts come from a fresh device.
 */
import { activeCustomer, cashOutPurchase, fraudDevice } from './fraud_common.js';
import { onlineMerchant, type LegitContext } from './legit.js';
import { atHourOfDay, cents, DAY, exponential, FRAUD_HOURS, HOUR, poisson, uniform } from './sampling.js';
import { CAT, ONLINE, P_CARD_TESTING } from './vocab.js';

const TEST_AMOUNTS = [1, 0.5, 2, 5, 0.99];

/** Plants card-testing episodes until about `target` fraudulent transactions exist. */
export function plantCardTesting(ctx: LegitContext, target: number): void {
  const w = ctx.world;
  const { rng } = w;
  const testCategories = [CAT['digital_goods']!, CAT['gaming']!, CAT['transport']!];
  const crews = Math.max(1, Math.round(target / 90));
  const crewStart: number[] = [];
  const crewDevices: number[][] = [];
  const crewMerchants: number[][] = [];
  for (let c = 0; c < crews; c++) {
    const start = uniform(rng, -30 * DAY, w.horizon / 2);
    crewStart.push(start);
    crewDevices.push(Array.from({ length: 1 + rng.int(2) }, () => fraudDevice(ctx, Math.max(-30 * DAY, start), true)));
    crewMerchants.push(Array.from({ length: 3 }, () => {
      const list = ctx.merchants.online[testCategories[rng.int(testCategories.length)]!]!;
      return list.ids[rng.int(list.ids.length)]!; // uniformly: small merchants too
    }));
  }
  let planted = 0;
  for (let episode = 0; planted < target; episode++) {
    const crew = rng.int(crews);
    const t0 = atHourOfDay(rng, uniform(rng, Math.max(0, crewStart[crew]!), w.horizon - 2 * DAY), FRAUD_HOURS);
    const victim = activeCustomer(ctx, t0);
    if (victim < 0) continue;
    const card = w.ownCard(victim, 0.8);
    const devices = crewDevices[crew]!;
    const device = rng.next() < 0.75 ? devices[rng.int(devices.length)]! : fraudDevice(ctx, t0);
    let t = t0;
    const tests = 3 + poisson(rng, 6);
    for (let i = 0; i < tests; i++) {
      const m = rng.next() < 0.6 ? crewMerchants[crew]![rng.int(3)]! : onlineMerchant(ctx, testCategories[rng.int(testCategories.length)]!);
      const amount = rng.next() < 0.5 ? cents(uniform(rng, 0.5, 3)) : TEST_AMOUNTS[rng.int(TEST_AMOUNTS.length)]!;
      w.addTx(t, victim, card, device, m, -1, amount, ONLINE, w.merCategory.get(m), P_CARD_TESTING, episode);
      planted++;
      t += 20 + exponential(rng, 90);
    }
    if (rng.next() < 0.85) {
      const buys = 1 + rng.int(3);
      for (let i = 0; i < buys; i++) {
        t += 300 + exponential(rng, 3 * HOUR);
        if (t >= w.horizon) break;
        if (cashOutPurchase(ctx, t, victim, card, device, P_CARD_TESTING, episode, 1.8)) planted++;
      }
    }
  }
}
