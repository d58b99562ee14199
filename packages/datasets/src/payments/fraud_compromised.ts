/**
 * Compromised merchants: a skimmer or a breach at a busy store leaks the cards
 * paid there during a window of 7–25 days; 40 % of those cards are defrauded
 * 2–25 days later (1–4 cash-out purchases online from the breach's few
 * devices, or cloned cards in stores of other regions).
 */
import { cashOutPurchase, fraudDevice } from './fraud_common.js';
import type { LegitContext } from './legit.js';
import { atHourOfDay, DAY, exponential, FRAUD_HOURS, HOUR, poisson, uniform } from './sampling.js';
import { P_COMPROMISED, P_NONE, POS } from './vocab.js';

/** Plants breaches until about `target` fraudulent transactions exist (or the busy stores run out). */
export function plantCompromisedMerchants(ctx: LegitContext, target: number): void {
  const w = ctx.world;
  const { rng } = w;
  // In-store payments by merchant (CSR over the transactions so far).
  const n = w.numTransactions;
  const start = new Int32Array(w.numMerchants + 1);
  for (let i = 0; i < n; i++) {
    if (w.txChannel.get(i) === POS && w.txPattern.get(i) === P_NONE) start[w.txMerchant.get(i) + 1]!++;
  }
  for (let m = 0; m < w.numMerchants; m++) start[m + 1]! += start[m]!;
  const fill = start.slice(0, w.numMerchants);
  const byMerchant = new Int32Array(start[w.numMerchants]!);
  for (let i = 0; i < n; i++) {
    if (w.txChannel.get(i) === POS && w.txPattern.get(i) === P_NONE) byMerchant[fill[w.txMerchant.get(i)]!++] = i;
  }
  // Busy stores: the top 15 % by in-store payments.
  const order = Array.from({ length: w.numMerchants }, (_, m) => m).sort((a, b) => start[b + 1]! - start[b]! - (start[a + 1]! - start[a]!) || a - b);
  const busy = order.slice(0, Math.max(1, Math.round(w.numMerchants * 0.15))).filter((m) => start[m + 1]! > start[m]!);
  if (busy.length === 0) return;
  const compromised = new Uint8Array(w.numCards);
  let planted = 0;
  for (let breach = 0; planted < target && breach < 20 * busy.length; breach++) {
    const m = busy[rng.int(busy.length)]!;
    const from = uniform(rng, 0, w.horizon - 40 * DAY);
    const to = from + uniform(rng, 7 * DAY, 25 * DAY);
    const devices = Array.from({ length: 2 + rng.int(5) }, () => fraudDevice(ctx, to, true));
    for (let k = start[m]!; k < start[m + 1]! && planted < target; k++) {
      const i = byMerchant[k]!;
      const paid = w.txTime.get(i);
      const card = w.txCard.get(i);
      if (paid < from || paid >= to || compromised[card] === 1 || rng.next() >= 0.4) continue;
      compromised[card] = 1;
      const owner = w.cardAccount.get(card);
      let t = atHourOfDay(rng, paid + uniform(rng, 2 * DAY, 25 * DAY), FRAUD_HOURS);
      const uses = 1 + Math.min(3, poisson(rng, 1.2));
      for (let u = 0; u < uses && t < w.horizon; u++) {
        const online = rng.next() < 0.65;
        const device = !online ? -1 : rng.next() < 0.85 ? devices[rng.int(devices.length)]! : fraudDevice(ctx, t);
        if (cashOutPurchase(ctx, t, owner, card, device, P_COMPROMISED, breach, 1.6)) planted++;
        t += 600 + exponential(rng, 8 * HOUR);
      }
    }
  }
}
