import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fit } from '../../fit/fit.js';
import { disposeAttention } from '../../explain/attention_paths.js';
import { tinyPayments, type TinyPayments } from '../../test_support/tiny_payments.js';
import { buildFraudModel, buildFraudOptimizer, buildFraudTask, fraudForward, type FraudBatch } from './build.js';
import { FRAUD_MODEL_NAMES, defaultFraudHyperParameters, type FraudModelName } from './config.js';

let data: TinyPayments;

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = tinyPayments();
});
afterAll(() => data.dispose());

function build(model: FraudModelName, seed = 0) {
  manualSeed(seed);
  const hp = { ...defaultFraudHyperParameters(model), hidden: 8, dropout: 0 };
  return { hp, model: buildFraudModel({ model, metadata: data.metadata, targetType: 'transactions', hyperParameters: hp }).materialize(data.widths) };
}

async function train(name: FraudModelName, epochs: number, seed = 0) {
  const { hp, model } = build(name, seed);
  const optimizer = buildFraudOptimizer({ ...hp, lr: 0.02 }, model);
  const counts: number[] = [];
  const result = await fit(model, { train: data.batch, val: data.batch }, {
    task: buildFraudTask(hp),
    optimizer,
    epochs,
    forward: fraudForward,
    callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
  });
  optimizer.dispose();
  model.dispose();
  return { result, counts };
}

describe('the fraud registry', () => {
  it.each(FRAUD_MODEL_NAMES)('%s: one logit per transaction, parameters built, a mask of ones changes nothing', (name) => {
    const { model } = build(name);
    expect(model.parameters().length).toBeGreaterThan(0);
    model.eval();
    const logits = model.forward(data.batch.xDict, data.batch.edgeIndexDict);
    expect(logits.shape).toEqual([data.numTransactions]);
    if (model.supportsEdgeMasks) {
      const ones = Object.fromEntries(Object.entries(data.batch.edgeIndexDict).map(([k, e]) => [k, tf.ones([e.shape[1]]) as tf.Tensor1D]));
      model.setEdgeMasks(ones);
      const masked = model.forward(data.batch.xDict, data.batch.edgeIndexDict);
      model.setEdgeMasks(null);
      expect(Array.from(masked.dataSync())).toEqual(Array.from(logits.dataSync()));
      tf.dispose([masked, ...Object.values(ones)]);
    } else {
      expect(() => model.setEdgeMasks({})).toThrow(/not supported|nothing to mask/);
    }
    const withAttention = model.forward(data.batch.xDict, data.batch.edgeIndexDict, { returnAttentionWeights: true });
    const layers = Object.keys(withAttention.attention);
    expect(layers).toEqual(name === 'hetero-gat' || name === 'hetero-gatv2' || name === 'hgt' ? ['conv1', 'conv2'] : []);
    if (layers.length > 0) expect(Object.keys(withAttention.attention['conv2']!)).toContain('cards__rev_card_id__transactions');
    tf.dispose([logits, withAttention.logits]);
    disposeAttention(withAttention.attention);
    model.dispose();
  });

  it('the graph models find what the per-row MLP cannot (fraud is a property of the card), with a flat tensor count', async () => {
    const roc: Record<string, number> = {};
    for (const name of ['mlp', 'hetero-gat', 'hgt', 'gat-flat'] as const) {
      const { result, counts } = await train(name, 40);
      roc[name] = result.best.val!.rocAuc;
      expect(new Set(counts.slice(1)).size, `${name} tensor count ${counts.join(',')}`).toBe(1);
    }
    expect(roc['mlp']!).toBeLessThan(0.8);
    for (const name of ['hetero-gat', 'hgt', 'gat-flat']) expect(roc[name]!, `${name} ${JSON.stringify(roc)}`).toBeGreaterThan(roc['mlp']! + 0.1);
  });

  it('the same seed gives the same history, bit for bit; another seed another one', async () => {
    const a = await train('hetero-gatv2', 5, 3);
    const b = await train('hetero-gatv2', 5, 3);
    const c = await train('hetero-gatv2', 5, 4);
    const losses = (r: typeof a) => r.result.history.map((h) => h.loss);
    expect(losses(b)).toEqual(losses(a));
    expect(losses(c)).not.toEqual(losses(a));
  });

  it('names what it cannot build', () => {
    const hp = { ...defaultFraudHyperParameters('hetero-gat'), hidden: 7, heads: 2 };
    expect(() => buildFraudModel({ model: 'hetero-gat', metadata: data.metadata, targetType: 'transactions', hyperParameters: hp })).toThrow(/hidden \(7\) must be divisible by heads \(2\)/);
    expect(() => buildFraudModel({ model: 'mlp', metadata: data.metadata, targetType: 'merchants', hyperParameters: defaultFraudHyperParameters('mlp') })).toThrow(/'merchants' is not a node type/);
  });
});

export type { FraudBatch };
