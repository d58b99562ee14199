/**
 * Mule chains: a fraudster takes over a customer's account and transfers a
 * large sum to a money mule, who passes 90–98 % of it on within hours to the
 * next mule (1–3 mules in all); the last one withdraws it as cash, buys
 * crypto, or wires it to a business account (an exchange, a shell company). Herders run pools of mules (each used in several chains) and log in
 * from a shared device. Six in ten mules are new accounts (mostly basic KYC,
 * young, little other activity); the rest are quiet customers recruited.
 */
import { activeCustomer, fraudDevice } from './fraud_common.js';
import { addFraudAccount } from './fraud_rings.js';
import { customerActivity, onlineMerchant, type LegitContext } from './legit.js';
import { REGION_CDF } from './entities.js';
import { atHourOfDay, cents, DAY, exponential, FRAUD_HOURS, HOUR, logNormal, pick, uniform } from './sampling.js';
import { ATM, CAT, CAT_CASH, CAT_TRANSFER, ONLINE, P_MULE, ROLE_CUSTOMER, ROLE_MULE, ROLE_RECRUITED, TRANSFER } from './vocab.js';
import { NEVER } from './world.js';

/** Plants mule chains until about `target` fraudulent transactions exist. */
export function plantMuleChains(ctx: LegitContext, target: number): void {
  const w = ctx.world;
  const { rng } = w;
  const herders = Math.max(1, Math.round(target / 60));
  const herderDevice = Array.from({ length: herders }, () => fraudDevice(ctx, uniform(rng, -60 * DAY, 0), true));
  const pools: number[][] = Array.from({ length: herders }, () => []);
  const numMules = Math.max(3, Math.round(target / 7.5));
  for (let k = 0; k < numMules; k++) {
    const herder = k % herders;
    let mule = -1;
    if (rng.next() < 0.4) {
      for (let tries = 0; tries < 100 && mule < 0; tries++) {
        const a = rng.int(ctx.customers);
        if (w.accRole.get(a) === ROLE_CUSTOMER && w.accType.get(a) === 0 && w.accRate.get(a) < 0.06 && w.accChurnAt.get(a) >= NEVER && w.accOpened.get(a) < 0) mule = a;
      }
      if (mule >= 0) {
        w.accRole.set(mule, ROLE_RECRUITED);
        w.accGroup.set(mule, herder);
      }
    }
    if (mule < 0) {
      const opened = uniform(rng, -60 * DAY, w.horizon - 30 * DAY);
      const kycU = rng.next();
      const age = Math.max(18, Math.round(23 + 5 * rng.normal()));
      mule = addFraudAccount(w, opened, pick(rng, REGION_CDF), kycU < 0.65 ? 0 : kycU < 0.95 ? 1 : 2, rng.next() < 0.2 ? 3 : 0, age, ROLE_MULE, herder);
      w.accRate.set(mule, 0.05);
      w.accFirstCard.set(mule, w.addCard(mule, 0, Math.floor(opened)));
      w.accCardCount.set(mule, 1);
      w.accFirstDevice.set(mule, w.addDevice(rng.int(2), Math.floor(opened)));
      w.accDeviceCount.set(mule, 1);
      customerActivity(ctx, mule, opened, w.horizon);
    }
    pools[herder]!.push(mule);
  }

  let planted = 0;
  for (let chain = 0; planted < target; chain++) {
    const herder = rng.int(herders);
    const pool = pools[herder]!;
    const t0 = atHourOfDay(rng, uniform(rng, 5 * DAY, w.horizon - 2 * DAY), FRAUD_HOURS);
    const victim = activeCustomer(ctx, t0);
    const hops = 1 + rng.int(3);
    const chainMules: number[] = [];
    for (let tries = 0; tries < 20 && chainMules.length < hops; tries++) {
      const m = pool[rng.int(pool.length)]!;
      if (w.accOpened.get(m) <= t0 && !chainMules.includes(m) && m !== victim) chainMules.push(m);
    }
    if (victim < 0 || chainMules.length === 0) continue;
    const device = () => (rng.next() < 0.5 ? herderDevice[herder]! : -1);
    let t = t0;
    let amount = cents(logNormal(rng, 1800, 0.6));
    const takeover = rng.next() < 0.7 ? herderDevice[herder]! : fraudDevice(ctx, t0);
    w.addTx(t, victim, -1, takeover, -1, chainMules[0]!, amount, TRANSFER, CAT_TRANSFER, P_MULE, chain);
    planted++;
    for (let i = 0; i + 1 < chainMules.length; i++) {
      t += 300 + exponential(rng, 1.5 * HOUR);
      amount = cents(amount * uniform(rng, 0.9, 0.98));
      const from = chainMules[i]!;
      const d = device();
      w.addTx(t, from, -1, d < 0 ? w.ownDevice(from) : d, -1, chainMules[i + 1]!, amount, TRANSFER, CAT_TRANSFER, P_MULE, chain);
      planted++;
    }
    const last = chainMules[chainMules.length - 1]!;
    t += 600 + exponential(rng, 2 * HOUR);
    const exit = rng.next();
    if (exit < 0.45) {
      const withdrawals = Math.max(1, Math.min(6, Math.round(amount / 400)));
      for (let i = 0; i < withdrawals && t < w.horizon; i++) {
        w.addTx(t, last, w.ownCard(last), -1, -1, -1, Math.max(20, Math.round((amount * 0.95) / withdrawals / 20) * 20), ATM, CAT_CASH, P_MULE, chain);
        planted++;
        t += 600 + exponential(rng, HOUR);
      }
    } else if (t < w.horizon && exit < 0.65) {
      const d = device();
      const m = onlineMerchant(ctx, CAT['crypto']!);
      w.addTx(t, last, w.ownCard(last), d < 0 ? w.ownDevice(last) : d, m, -1, cents(amount * uniform(rng, 0.95, 1)), ONLINE, w.merCategory.get(m), P_MULE, chain);
      planted++;
    } else if (t < w.horizon && ctx.businesses.length > 0) {
      // Out to an exchange's or a shell company's business account.
      const d = device();
      const exitAccount = ctx.businesses[rng.int(ctx.businesses.length)]!;
      w.addTx(t, last, -1, d < 0 ? w.ownDevice(last) : d, -1, exitAccount, cents(amount * uniform(rng, 0.9, 0.98)), TRANSFER, CAT_TRANSFER, P_MULE, chain);
      planted++;
    }
  }
}
