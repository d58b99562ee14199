import '@gnnjs/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { trainHetero } from './hetero_run.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it("trains toHetero(GAT) on the payments graph and explains an account's attention per relation, leaving only the attention", async () => {
  const before = tf.memory().numTensors;
  const epochs: number[] = [];
  const outcome = await trainHetero({ epochs: 30, lr: 0.01, seed: 0 }, { onEpoch: (r) => epochs.push(r.epoch) });
  expect(epochs).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
  expect(outcome.testAccuracy).toBeGreaterThan(0.6);
  expect(Object.keys(outcome.attention)).toEqual(['conv1', 'conv2']);
  const account = outcome.blocks['account']!.findIndex((_, i) => i >= 0);
  const why = await outcome.explain('conv1', account, 3);
  expect(Object.keys(why).sort()).toEqual(['account__follows__account', 'device__rev_uses__account', 'merchant__rev_pays__account']);
  for (const rows of Object.values(why)) {
    expect(rows.length).toBeLessThanOrEqual(3);
    for (const r of rows) expect(r.perHead).toHaveLength(4);
  }
  outcome.dispose();
  expect(tf.memory().numTensors).toBe(before);
}, 120_000);
