import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@gnnjs/backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { defaultFraudHyperParameters } from '@gnnjs/train';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPaymentsData, type PaymentsData } from './data.js';
import { trainPaymentsRun } from './run.js';

// The CLI's training run on real payments data (scale 0.005) on the wasm backend:
// the same seed gives the same history and metrics, and no tensor is left behind.
describe('trainPaymentsRun on wasm', { timeout: 600_000 }, () => {
  let dir: string;
  let data: PaymentsData;
  const hp = { ...defaultFraudHyperParameters('hetero-gat'), epochs: 3, patience: 10 };

  beforeAll(async () => {
    await tf.setBackend('wasm');
    tf.enableProdMode();
    dir = await mkdtemp(join(tmpdir(), 'gnnjs-fraud-run-'));
    data = await loadPaymentsData({ scale: 0.005, seed: 0, root: dir }, 'fraud');
  }, 600_000);

  afterAll(async () => {
    data.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('is deterministic for a seed, with a flat tensor count over epochs and none left after the run', async () => {
    const runs = [];
    for (let k = 0; k < 2; k++) {
      const before = tf.memory().numTensors;
      const counts: number[] = [];
      const run = await trainPaymentsRun(data, 'hetero-gat', hp, 3, () => counts.push(tf.memory().numTensors));
      run.model.dispose();
      expect(counts).toHaveLength(3);
      expect(new Set(counts).size, `tensors per epoch: ${counts.join(', ')}`).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
      runs.push({ history: run.history.map(({ ms: _ms, ...rest }) => rest), val: run.metrics.val, test: run.metrics.test });
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0]!.test.prAuc).toBeGreaterThan(0);
  });
});
