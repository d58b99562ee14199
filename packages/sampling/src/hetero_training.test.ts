/** A heterogeneous model trains from a temporal NeighborLoader through `fit`, with flat tensor counts. */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { HeteroGraph, Module, manualSeed } from '@gnnjs/core';
import { Linear, SAGEConv } from '@gnnjs/layers';
import { Adam, BinaryClassificationTask, fit } from '@gnnjs/train';
import { beforeAll, describe, expect, it } from 'vitest';
import { NeighborLoader } from './loader/neighbor_loader.js';
import type { SampledHeteroGraph } from './loader/sampled_graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type T = 'account' | 'merchant';

/** Accounts score from their own features and the merchants they paid (a bipartite SAGEConv). */
class FraudModel extends Module {
  readonly self = this.registerModule('self', new Linear(3, 2));
  readonly paid = this.registerModule('paid', new SAGEConv([2, 3], 2));
  forward(g: SampledHeteroGraph<T>): tf.Tensor2D {
    return tf.tidy(() => tf.add(this.self.forward(g.node('account').x!), this.paid.forward([g.node('merchant').x!, g.node('account').x!], g.edge(['merchant', 'rev_pays', 'account']).edgeIndex)));
  }
}

describe('fit from a temporal heterogeneous NeighborLoader', () => {
  it('trains a fraud-style model; no sampled neighbour is newer than its seed; no leaks', async () => {
    manualSeed(0);
    const accounts = 120;
    const merchants = 30;
    // Fraudulent accounts (every 4th) pay "risky" merchants (feature 0 high); times grow with ids.
    const src: number[] = [];
    const dst: number[] = [];
    for (let a = 0; a < accounts; a++) {
      for (let k = 0; k < 3; k++) {
        src.push(a);
        dst.push(a % 4 === 0 ? (a + k) % 10 : 10 + ((a * 3 + k) % 20));
      }
    }
    const risky = Array.from({ length: merchants }, (_, m) => [m < 10 ? 1 : 0, 0.5]);
    const graph = new HeteroGraph<T>({
      nodes: {
        account: {
          x: tf.randomNormal([accounts, 3], 0, 1, 'float32', 1),
          y: tf.tensor1d(Array.from({ length: accounts }, (_, a) => (a % 4 === 0 ? 1 : 0)), 'int32'),
          time: tf.tensor1d(Array.from({ length: accounts }, (_, a) => a), 'int32'),
        },
        merchant: { x: tf.tensor2d(risky), time: tf.tensor1d(Array.from({ length: merchants }, (_, m) => m), 'int32') },
      },
      edges: [
        { type: ['account', 'pays', 'merchant'], edgeIndex: [src, dst] },
        { type: ['merchant', 'rev_pays', 'account'], edgeIndex: [dst, src] },
      ],
    });
    const loader = new NeighborLoader(graph, { numNeighbors: [3, 2], inputNodes: ['account', Array.from({ length: 90 }, (_, a) => a + 30)], batchSize: 16, shuffle: true, timeAttr: 'time', seed: 0 });
    const model = new FraudModel();
    const optimizer = new Adam(model.parameters(), { lr: 0.05 });
    const counts: number[] = [];
    const times = graph.node('merchant').time!.arraySync();
    const result = await fit(model, { train: loader, val: loader }, {
      task: new BinaryClassificationTask({ labels: (b: SampledHeteroGraph<T>) => b.node('account').y! }),
      optimizer,
      epochs: 15,
      forward: (m, b) => {
        // Temporal: every merchant sampled for seed s is no newer than s.
        b.nId.merchant.forEach((v, i) => expect(times[v]!).toBeLessThanOrEqual(b.seedTime![b.batch!.merchant[i]!]!));
        return m.forward(b);
      },
      callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
    });
    expect(result.best.val!.rocAuc).toBeGreaterThan(0.9);
    expect(new Set(counts.slice(1)).size).toBe(1);
    optimizer.dispose();
    model.dispose();
    graph.dispose();
  });
});
