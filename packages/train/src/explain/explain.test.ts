import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFraudModel, buildFraudOptimizer, buildFraudTask, fraudForward } from '../builtin/fraud/build.js';
import { defaultFraudHyperParameters, type FraudModelName } from '../builtin/fraud/config.js';
import type { FraudModel } from '../builtin/fraud/model.js';
import { fit } from '../fit/fit.js';
import { tinyPayments, type TinyPayments } from '../test_support/tiny_payments.js';
import { attentionPaths } from './attention_paths.js';
import { explainPrediction, spearman } from './explain_prediction.js';
import { drawnKey, neighbourhoodDrawing } from './neighbourhood_drawing.js';
import { gaussLegendre, integratedGradients, saliency } from './integrated_gradients.js';

let data: TinyPayments;
const trained = new Map<FraudModelName, FraudModel>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = tinyPayments({ cards: 30, perCard: 5 });
  for (const name of ['hetero-gat', 'hgt', 'gat-flat', 'mlp'] as const) {
    manualSeed(0);
    const hp = { ...defaultFraudHyperParameters(name), hidden: 8, dropout: 0.1 };
    const model = buildFraudModel({ model: name, metadata: data.metadata, targetType: 'transactions', hyperParameters: hp }).materialize(data.widths);
    const optimizer = buildFraudOptimizer({ ...hp, lr: 0.02 }, model);
    await fit(model, { train: data.batch }, { task: buildFraudTask(hp), optimizer, epochs: 10, forward: fraudForward });
    optimizer.dispose();
    trained.set(name, model);
  }
});
afterAll(() => {
  for (const m of trained.values()) m.dispose();
  data.dispose();
});

const graph = () => ({ xDict: data.batch.xDict, edgeIndexDict: data.batch.edgeIndexDict });

describe('quadrature and integrated gradients', () => {
  it("Gauss–Legendre on [0, 1]: numpy's leggauss nodes, weights summing to 1, exact up to degree 2n − 1", () => {
    const two = gaussLegendre(2);
    expect(two.alphas[0]).toBeCloseTo((1 - 1 / Math.sqrt(3)) / 2, 14);
    expect(two.weights).toEqual([expect.closeTo(0.5, 14), expect.closeTo(0.5, 14)]);
    const { alphas, weights } = gaussLegendre(8);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 13);
    const integral = alphas.reduce((s, a, k) => s + weights[k]! * a ** 15, 0);
    expect(integral).toBeCloseTo(1 / 16, 13);
  });

  it('is exact on a linear function and on a quadratic with the trapezoid rule’s known error', () => {
    const w = tf.tensor1d([2, -1, 0.5]);
    const x = tf.tensor1d([1, 3, -2]);
    const base = tf.tensor1d([0.5, 0, 0]);
    const ig = integratedGradients((xs) => tf.sum(tf.mul(xs[0]!, w)), [x], [base], { steps: 4 });
    expect(Array.from(ig.attributions[0]!.dataSync())).toEqual([1, -3, -1]);
    expect(ig.delta).toBeCloseTo(0, 6);
    const quad = integratedGradients((xs) => tf.sum(tf.square(xs[0]!)), [x], [tf.zerosLike(x)], { steps: 3 });
    expect(Array.from(quad.attributions[0]!.dataSync()).map((v) => Math.round(v * 1e5) / 1e5)).toEqual([1, 9, 4]);
    const [g] = saliency((xs) => tf.sum(tf.square(xs[0]!)), [x]);
    expect(Array.from(g!.dataSync())).toEqual([2, 6, 4]);
    tf.dispose([w, x, base, ...ig.attributions, ...quad.attributions, g!]);
  });

  it('names what it cannot do', () => {
    const x = tf.ones([2]);
    expect(() => integratedGradients((xs) => tf.sum(xs[0]!), [x], [tf.zeros([3])])).toThrow(/baselines\[0\].*expected shape \[2\]/);
    expect(() => integratedGradients((xs) => tf.sum(xs[0]!), [x], [tf.zeros([2])], { steps: 1 })).toThrow(/steps >= 2/);
    x.dispose();
  });
});

describe('attention paths', () => {
  it('follows the last layer into the target, then the layer before, multiplying attention along each path', () => {
    // Target transaction 0 ← card 0 (alpha 1); card 0 ← transactions 0, 1, 2 with alphas (mean of 2 heads) 0.2, 0.5, 0.3.
    const attention = {
      conv1: {
        transactions__card_id__cards: { edgeIndex: tf.tensor2d([[0, 1, 2], [0, 0, 0]], undefined, 'int32'), alpha: tf.tensor2d([[0.1, 0.3], [0.6, 0.4], [0.3, 0.3]]) },
      },
      conv2: {
        cards__rev_card_id__transactions: { edgeIndex: tf.tensor2d([[0, 0], [0, 1]], undefined, 'int32'), alpha: tf.tensor2d([[1, 1], [1, 1]]) },
      },
    };
    const why = attentionPaths(attention, { type: 'transactions', row: 0 }, { topK: 2 });
    expect(why.layers.map((l) => [l.layer, l.hop, l.edges.length])).toEqual([['conv2', 1, 1], ['conv1', 2, 2]]);
    expect(why.layers[1]!.edges.map((e) => e.source.row)).toEqual([1, 2]); // top 2 of card 0's in-edges
    const two = why.paths.filter((p) => p.nodes.length === 3);
    expect(two.map((p) => [p.nodes[0]!.row, p.weight])).toEqual([[1, expect.closeTo(0.5, 6)], [2, expect.closeTo(0.3, 6)], [0, expect.closeTo(0.2, 6)]]);
    expect(two[0]!.relations).toEqual(['transactions__card_id__cards', 'cards__rev_card_id__transactions']);
    expect(why.paths[0]!.nodes).toEqual([{ type: 'cards', row: 0 }, { type: 'transactions', row: 0 }]); // the 1-hop path, weight 1
    tf.dispose(Object.values(attention).flatMap((l) => Object.values(l).flatMap((a) => [a.edgeIndex, a.alpha])));
  });

  it("Spearman's rho, ties averaged", () => {
    expect(spearman([1, 2, 3], [10, 20, 30])).toBeCloseTo(1);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 1, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9487, 3);
    expect(spearman([1], [1])).toBeNaN();
  });
});

describe('explainPrediction on trained fraud models', () => {
  it.each(['hetero-gat', 'hgt', 'gat-flat', 'mlp'] as const)('%s: completeness (IG sums to f(x) − f(baseline)), the score, and what the model supports', (name) => {
    const model = trained.get(name)!;
    const why = explainPrediction(model, graph(), 7, { steps: 64, topK: 5 });
    const { features } = why;
    expect(features.completeness.value).toBeCloseTo(why.logit, 5);
    const gap = features.completeness.value - features.completeness.baselineValue;
    expect(Math.abs(features.completeness.delta)).toBeLessThan(0.01 * Math.abs(gap) + 1e-3);
    expect(why.score).toBeCloseTo(1 / (1 + Math.exp(-why.logit)), 10);
    expect(features.own.map((f) => f.column).sort()).toEqual(['f0', 'f1', 'f2']);
    if (name === 'mlp') expect(features.byNode.filter((n) => Math.abs(n.attribution) > 0).map((n) => n.node)).toEqual([{ type: 'transactions', row: 7 }]);
    expect(why.attention !== undefined).toBe(name === 'hetero-gat' || name === 'hgt');
    expect(why.edges !== undefined).toBe(name === 'hetero-gat' || name === 'gat-flat');
    if (why.edges !== undefined) {
      const e = why.edges.completeness;
      expect(Math.abs(e.delta)).toBeLessThan(0.01 * Math.abs(e.value - e.baselineValue) + 1e-3);
      expect(why.edges.intoTarget.map((a) => a.relation)).toEqual(['cards__rev_card_id__transactions']);
    }
    if (name === 'hetero-gat') {
      // The card's own account (alone in its relation: attention 1) and its other transactions, two hops away.
      const two = why.attention!.paths.filter((p) => p.nodes.length === 3).map((p) => p.relations.join(' > '));
      expect(new Set(two)).toEqual(new Set(['accounts__rev_account_id__cards > cards__rev_card_id__transactions', 'transactions__card_id__cards > cards__rev_card_id__transactions']));
      expect(why.edges!.intoTarget[0]!.attention).toEqual({ conv1: expect.any(Number), conv2: 1 });
    }
  });

  it("neighbourhoodDrawing of a real explanation: every drawn path step is that layer's attention on that edge", () => {
    const why = explainPrediction(trained.get('hetero-gat')!, graph(), 7, { steps: 8 });
    const d = neighbourhoodDrawing(why);
    expect(d.nodes[0]).toEqual({ ref: { type: 'transactions', row: 7 }, key: 'transactions:7', hop: 0 });
    expect(d.edges.length).toBeGreaterThan(2);
    const alpha = new Map(why.attention!.layers.flatMap((l) => l.edges.map((e) => [`${l.layer}|${e.relation}|${drawnKey(e.source)}|${drawnKey(e.target)}`, e.alpha] as const)));
    for (const e of d.edges) expect(e.value).toBeCloseTo(alpha.get(`${e.layer}|${e.relation}|${drawnKey(e.source)}|${drawnKey(e.target)}`)!, 6);
    expect(new Set(d.edges.map((e) => e.layer))).toEqual(new Set(['conv1', 'conv2']));
    expect(neighbourhoodDrawing(why, { view: { layer: 'conv1' } }).edges.every((e) => e.target.type === 'cards')).toBe(true);
  });

  it("agreement: with one in-edge per relation (attention 1) it compares the layer before, on the card's other transactions", () => {
    const why = explainPrediction(trained.get('hetero-gat')!, graph(), 7, { steps: 16 });
    const a = why.edges!.agreement;
    expect([a.scope, a.layer]).toEqual(['two-hop', 'conv1']);
    // Card 1 (transaction 7's) has 5 transactions and an account: 6 edges into it.
    expect(a.edges).toBe(6);
    expect(Number.isFinite(a.spearman)).toBe(true);
    expect(a.topByAttention?.target).toEqual({ type: 'cards', row: 1 });
    expect(a.sameTop).toBe(a.topByAttention === a.topByGradient);
  });

  it('is deterministic, frees every tensor it makes, and leaves the model in its mode', () => {
    const model = trained.get('hetero-gat')!;
    model.train(true);
    const before = tf.memory().numTensors;
    const a = explainPrediction(model, graph(), 3, { steps: 16, featureNames: { transactions: ['amount', 'hour', 'channel'] } });
    const after = tf.memory().numTensors;
    const b = explainPrediction(model, graph(), 3, { steps: 16, featureNames: { transactions: ['amount', 'hour', 'channel'] } });
    expect(tf.memory().numTensors).toBe(after);
    expect(after).toBe(before);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.features.own.map((f) => f.column).sort()).toEqual(['amount', 'channel', 'hour']);
    expect(model.training).toBe(true);
    model.train(false);
  });

  it('refuses a row the graph does not have, and edges on a model without message passing', () => {
    expect(() => explainPrediction(trained.get('mlp')!, graph(), 10_000)).toThrow(/expected a row of 'transactions' in \[0, 150\)/);
    expect(() => explainPrediction(trained.get('hgt')!, graph(), 0, { edges: true, steps: 2 })).toThrow(/no message-passing layers/);
  });
});
