/**
 * The heterogeneous fraud model trained with temporal sampling: PaymentsFraud
 * (@gnnjs/datasets) loaded through @gnnjs/relational into a HeteroGraph with
 * times, `toHetero` of a GraphSAGE (@gnnjs/layers) trained by `fit`
 * (@gnnjs/train) from a temporal NeighborLoader (@gnnjs/sampling, two
 * worker threads) over the training period's transactions, evaluated on the
 * validation period's. No batch holds a transaction newer than the seed it
 * was sampled for.
 */
import '@tensorflow/tfjs-backend-cpu';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed, type HeteroGraph } from '@gnnjs/core';
import { PaymentsFraud } from '@gnnjs/datasets/node';
import { GraphSequential, SAGEConv, toHetero } from '@gnnjs/layers';
import { toHeteroGraph } from '@gnnjs/relational';
import { NeighborLoader, liveSamplerWorkers, type SampledHeteroGraph } from '@gnnjs/sampling/node';
import { Adam, BinaryClassificationTask, fit } from '@gnnjs/train';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(async () => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
});

const STATIC = ['accounts', 'cards', 'devices', 'merchants'];

/** Every sampled transaction is no newer than its seed (times of the graph the batch came from). */
function assertNoLeak(batch: SampledHeteroGraph<string>, times: Int32Array): number {
  const ids = batch.nId['transactions']!;
  const seedOf = batch.batch!['transactions']!;
  for (let i = 0; i < ids.length; i++) {
    if (times[ids[i]!]! > batch.seedTime![seedOf[i]!]!) throw new Error(`transaction ${ids[i]} (time ${times[ids[i]!]}) sampled for seed ${seedOf[i]} of time ${batch.seedTime![seedOf[i]!]}`);
  }
  return ids.length - batch.batchSize;
}

describe('PaymentsFraud: toHetero(GraphSAGE) trained by fit from a temporal NeighborLoader', () => {
  it('learns fraud on the training period, scores the validation period, never samples the future', async () => {
    const data = await PaymentsFraud.load({ scale: 0.01, seed: 0, root: join(tmpdir(), 'gnnjs-e2e-payments') });
    const { train, val } = await data.split();
    await data.close();
    const trainGraph = toHeteroGraph(train.graph, { trainMask: train.mask }) as HeteroGraph<string>;
    const valGraph = toHeteroGraph(val.graph, { valMask: val.mask }) as HeteroGraph<string>;
    const timesOf = (g: HeteroGraph<string>): Int32Array => g.node('transactions').time!.dataSync() as Int32Array;
    const trainTimes = timesOf(trainGraph);
    const valTimes = timesOf(valGraph);
    const temporal = { numNeighbors: [8, 4], batchSize: 256, timeAttr: 'time' as const, staticNodeTypes: STATIC, seed: 0 };
    const trainLoader = new NeighborLoader(trainGraph, { ...temporal, inputNodes: ['transactions', train.mask], shuffle: true, numWorkers: 2 });
    const valLoader = new NeighborLoader(valGraph, { ...temporal, inputNodes: ['transactions', val.mask] });

    manualSeed(0);
    const sage = new GraphSequential([['conv1', () => new SAGEConv([-1, -1], 32)], (x) => tf.relu(x), ['conv2', () => new SAGEConv([-1, -1], 1)]]);
    const first = await trainLoader.batch(trainLoader.batchPositions(0)[0]!);
    const model = toHetero(sage, trainGraph.metadata()).materialize(first);
    first.dispose();
    sage.dispose();
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    let sampledTransactions = 0;
    const counts: number[] = [];
    const result = await fit(model, { train: trainLoader, val: valLoader }, {
      task: new BinaryClassificationTask({ labels: (b: SampledHeteroGraph<string>) => b.node('transactions').y! }),
      optimizer,
      epochs: 4,
      forward: (m, b: SampledHeteroGraph<string>) => {
        sampledTransactions += assertNoLeak(b, b.node('transactions').valMask === undefined ? trainTimes : valTimes);
        return m.forward(b.xDict(), b.edgeIndexDict())['transactions']!;
      },
      callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
    });
    // Earlier transactions of the same accounts, cards, devices and merchants were sampled (hop 2), all from the past.
    expect(sampledTransactions).toBeGreaterThan(10_000);
    expect(result.history.at(-1)!.loss).toBeLessThan(result.history[0]!.loss);
    expect(result.best.val!.rocAuc).toBeGreaterThan(0.7);
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(liveSamplerWorkers()).toBe(0);
    console.info(`[@gnnjs/e2e] payments fraud, temporal mini-batches: val ROC-AUC ${result.best.val!.rocAuc.toFixed(3)}, PR-AUC ${result.best.val!.prAuc.toFixed(3)}`);
    optimizer.dispose();
    model.dispose();
    trainGraph.dispose();
    valGraph.dispose();
  }, 600_000);
});
