// A heterogeneous node-classification run end to end: @gnnjs/datasets'
// heterogeneous SBM (the accounts' own features are noise; their class shows
// only through the merchants and devices they link to), @gnnjs/layers'
// toHetero, and fit.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed, Module, type HeteroGraph } from '@gnnjs/core';
import { HeteroToUndirected, heteroStochasticBlockModel } from '@gnnjs/datasets';
import { GraphSequential, Linear, SAGEConv, relu, toHetero } from '@gnnjs/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../optim/adam.js';
import { NodeClassificationTask } from '../tasks/node_classification.js';
import { fit } from './fit.js';
import { fullBatch } from './sources.js';
import type { Callback } from './types.js';

let graph: HeteroGraph;

beforeAll(async () => {
  await tf.setBackend('cpu');
  // 150 accounts (50 per class), 30 merchants, 30 devices: small enough for 100 epochs in a unit test.
  const directed = heteroStochasticBlockModel({
    nodes: { account: { numNodes: 150 }, merchant: { numNodes: 30 }, device: { numNodes: 30 } },
    relations: [
      { type: ['account', 'pays', 'merchant'], pIn: 0.2, pOut: 0.02 },
      { type: ['account', 'uses', 'device'], pIn: 0.15, pOut: 0.02, shift: 1 },
      { type: ['account', 'follows', 'account'], pIn: 0.02, pOut: 0.004 },
    ],
    numTrainPerClass: 10,
    seed: 11,
  });
  graph = new HeteroToUndirected().apply(directed);
  directed.dispose();
});
afterAll(() => graph.dispose());

const task = () =>
  new NodeClassificationTask<HeteroGraph>({
    numClasses: 3,
    labels: (g) => g.node('account').y!,
    rows: (g, split) => ({ kind: 'mask', mask: g.node('account')[`${split}Mask`]! }),
  });

/** Live tensors after each epoch. */
function tensorCounts(): { counts: number[]; callback: Callback } {
  const counts: number[] = [];
  return { counts, callback: { onEpochEnd: () => void counts.push(tf.memory().numTensors) } };
}

/** A graph-free baseline: an MLP on the accounts' own features. */
class AccountMlp extends Module {
  readonly lin1 = this.registerModule('lin1', new Linear(16, 16));
  readonly lin2 = this.registerModule('lin2', new Linear(16, 3));
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.lin2.forward(tf.relu(this.lin1.forward(x))));
  }
}

describe('heterogeneous node classification with fit', () => {
  it('learns the planted signal through the relations, far above chance and a graph-free MLP, without tensor growth over 100 epochs', async () => {
    manualSeed(0);
    const sage = new GraphSequential([
      ['conv1', () => new SAGEConv([-1, -1], 16)],
      relu,
      ['conv2', () => new SAGEConv([-1, -1], 3)],
    ]);
    // Built before the optimizer collects its parameters (they are lazy until then).
    const model = toHetero(sage, graph.metadata()).materialize(graph);
    const optimizer = new Adam(model.parameters(), { lr: 0.01, weightDecay: 5e-4 });
    const { counts, callback } = tensorCounts();
    const result = await fit(model, fullBatch(graph), {
      task: task(),
      optimizer,
      epochs: 100,
      forward: (m, g) => m.forward(g.xDict(), g.edgeIndexDict())['account']!,
      callbacks: [callback],
    });
    // Epoch 1 creates Adam's moments; every epoch after leaves as many tensors as it found.
    expect(counts.slice(1).every((c) => c === counts[1])).toBe(true);

    manualSeed(0);
    const mlp = new AccountMlp();
    const mlpOptimizer = new Adam(mlp.parameters(), { lr: 0.01, weightDecay: 5e-4 });
    const baseline = await fit(mlp, fullBatch(graph), {
      task: task(),
      optimizer: mlpOptimizer,
      epochs: 100,
      forward: (m, g) => m.forward(g.node('account').x!),
    });

    const hetero = result.best.test!.accuracy;
    const graphFree = baseline.best.test!.accuracy;
    expect(hetero).toBeGreaterThan(0.7);
    expect(graphFree).toBeLessThan(0.5);
    expect(hetero - graphFree).toBeGreaterThan(0.25);
    optimizer.dispose();
    mlpOptimizer.dispose();
    model.dispose();
    sage.dispose();
    mlp.dispose();
  });
});
