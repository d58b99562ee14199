/**
 * Fraud rings ("bust-out"): 4–12 accounts opened within weeks of each other,
 * mostly basic KYC, some with disposable e-mail, sharing 1–3 devices. They
 * build a modest ordinary history (labelled legitimate), then within three
 * days max out: high-value purchases online from the shared devices and in
 * stores, with each other's cards a third of the time, transfers among
 * themselves and cash withdrawals; then they go silent.
 */
import { cashOutPurchase, fraudDevice } from './fraud_common.js';
import { customerActivity, type LegitContext } from './legit.js';
import { atHourOfDay, cents, DAY, FRAUD_HOURS, logNormal, pick, poisson, uniform } from './sampling.js';
import { REGION_CDF } from './entities.js';
import { ATM, CAT_CASH, CAT_TRANSFER, P_RING, ROLE_RING, TRANSFER } from './vocab.js';
import { NEVER, type World } from './world.js';

/** A new account of a fraud group; returns its id. */
export function addFraudAccount(w: World, opened: number, region: number, kyc: number, email: number, holderAge: number, role: number, group: number): number {
  const a = w.numAccounts;
  w.accOpened.push(Math.floor(opened));
  w.accType.push(0);
  w.accRegion.push(region);
  w.accKyc.push(kyc);
  w.accHolderAge.push(holderAge);
  w.accEmail.push(email);
  w.accRole.push(role);
  w.accGroup.push(group);
  w.accRate.push(0.1);
  w.accChurnAt.push(NEVER);
  w.accPersona.push(w.rng.int(2));
  w.accSharedDevice.push(-1);
  w.accFirstCard.push(-1);
  w.accCardCount.push(0);
  w.accFirstDevice.push(-1);
  w.accDeviceCount.push(0);
  return a;
}

/** Plants rings until about `target` fraudulent transactions exist. */
export function plantRings(ctx: LegitContext, target: number): void {
  const w = ctx.world;
  const { rng } = w;
  let planted = 0;
  for (let ring = 0; planted < target; ring++) {
    const size = 4 + rng.int(9);
    const bust = uniform(rng, 10 * DAY, w.horizon - 4 * DAY);
    const region = pick(rng, REGION_CDF);
    const firstOpened = bust - 70 * DAY;
    const shared = Array.from({ length: 1 + rng.int(3) }, () => fraudDevice(ctx, firstOpened + rng.next() * 10 * DAY, true));
    const members: number[] = [];
    for (let k = 0; k < size; k++) {
      const opened = bust - uniform(rng, 15 * DAY, 70 * DAY);
      const kycU = rng.next();
      const emailU = rng.next();
      const age = rng.next() < 0.3 ? NaN : Math.max(18, Math.round(27 + 6 * rng.normal()));
      const a = addFraudAccount(w, opened, region, kycU < 0.6 ? 0 : kycU < 0.95 ? 1 : 2, emailU < 0.35 ? 3 : emailU < 0.85 ? 0 : 1, age, ROLE_RING, ring);
      const cards = 1 + rng.int(2);
      w.accFirstCard.set(a, w.numCards);
      w.accCardCount.set(a, cards);
      for (let c = 0; c < cards; c++) {
        const u = rng.next();
        w.addCard(a, u < 0.4 ? 2 : u < 0.8 ? 0 : 1, Math.floor(opened));
      }
      if (rng.next() < 0.5) {
        w.accFirstDevice.set(a, w.addDevice(rng.int(2), Math.floor(opened)));
      } else {
        w.accFirstDevice.set(a, shared[0]!);
      }
      w.accDeviceCount.set(a, 1);
      w.accSharedDevice.set(a, shared[rng.int(shared.length)]!);
      w.accChurnAt.set(a, Math.floor(bust + 4 * DAY));
      members.push(a);
    }
    // The ordinary-looking history before the bust-out (legitimate labels).
    for (const a of members) customerActivity(ctx, a, w.accOpened.get(a), bust);
    for (const a of members) {
      const n = 3 + poisson(rng, 4);
      for (let i = 0; i < n; i++) {
        const t = atHourOfDay(rng, bust + rng.next() * 3 * DAY, FRAUD_HOURS);
        if (t >= w.horizon) continue;
        const card = rng.next() < 0.65 ? w.ownCard(a) : w.ownCard(members[rng.int(size)]!);
        const device = rng.next() < 0.8 ? shared[rng.int(shared.length)]! : w.ownDevice(a);
        const u = rng.next();
        if (u < 0.6) {
          if (!cashOutPurchase(ctx, t, a, card, u < 0.4 ? device : -1, P_RING, ring, 1.8)) continue;
        } else if (u < 0.9) {
          let b = members[rng.int(size)]!;
          if (b === a) b = members[(members.indexOf(a) + 1) % size]!;
          w.addTx(t, a, -1, device, -1, b, cents(logNormal(rng, 800, 0.6)), TRANSFER, CAT_TRANSFER, P_RING, ring);
        } else {
          w.addTx(t, a, card, -1, -1, -1, 20 * (5 + rng.int(21)), ATM, CAT_CASH, P_RING, ring);
        }
        planted++;
      }
    }
  }
}
