import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TinyGnn, tinyGraph } from '../test_support/tiny_graph.js';
import { gatPaperEarlyStopping } from '../callbacks/early_stopping.js';
import { progress } from '../callbacks/progress.js';
import { FitError } from '../errors.js';
import { Adam } from '../optim/adam.js';
import { NodeClassificationTask, type NodeClassificationMetric } from '../tasks/node_classification.js';
import { prepareNodeSplits } from '../tasks/node_splits.js';
import type { Optimizer } from '../optim/optimizer.js';
import { trainEpoch } from './epoch.js';
import { fit } from './fit.js';
import { fullBatch } from './sources.js';
import type { Callback, FitResult } from './types.js';

async function trainTiny(seed: number, epochs: number, callbacks: Callback<NodeClassificationMetric>[] = []): Promise<FitResult<NodeClassificationMetric>> {
  const graph = tinyGraph();
  const data = await prepareNodeSplits(graph);
  manualSeed(seed);
  const model = new TinyGnn(graph.numFeatures, 8, graph.numClasses, graph.edgeIndex, 16);
  const optimizer = new Adam(model.parameters(), { lr: 0.05, weightDecay: 5e-4 });
  try {
    return await fit(model, fullBatch(data), {
      task: new NodeClassificationTask({ numClasses: 2 }),
      optimizer,
      epochs,
      forward: (m, g) => m.forward(g.x),
      callbacks,
    });
  } finally {
    optimizer.dispose();
    model.dispose();
    data.dispose();
    tf.dispose([graph.x, graph.edgeIndex, graph.y, graph.trainMask, graph.valMask, graph.testMask]);
  }
}

const strip = (r: FitResult): unknown => r.history.map(({ ms: _ms, ...rest }) => rest);

describe('fit (full batch)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('refuses labels outside the classes before the first step, and in evaluate', async () => {
    const graph = tinyGraph();
    const bad = { ...graph, y: tf.tensor1d(Array.from({ length: 16 }, (_, i) => (i === 1 ? 2 : i < 8 ? 0 : 1)), 'int32') };
    const data = await prepareNodeSplits(bad); // node 1 is a training node
    manualSeed(0);
    const model = new TinyGnn(graph.numFeatures, 8, graph.numClasses, graph.edgeIndex, 16);
    const optimizer = new Adam(model.parameters(), { lr: 0.05 });
    const before = model.parameters().map((p) => Array.from(p.dataSync()));
    const options = { task: new NodeClassificationTask(), optimizer, epochs: 2, forward: (m: TinyGnn, g: typeof data) => m.forward(g.x) };
    await expect(fit(model, fullBatch(data), options)).rejects.toThrow(/label 2 of row 1 is not a class index in \[0, 2\)/);
    expect(model.parameters().map((p) => Array.from(p.dataSync()))).toEqual(before); // no step was taken
    optimizer.dispose();
    model.dispose();
    tf.dispose([graph.x, graph.edgeIndex, graph.y, graph.trainMask, graph.valMask, graph.testMask, bad.y]);
  });

  it('learns the tiny graph and reports every split', async () => {
    const result = await trainTiny(0, 40);
    expect(result.history).toHaveLength(40);
    expect(result.last.loss).toBeLessThan(result.history[0]?.loss ?? 0);
    expect(result.best.val?.accuracy).toBe(1);
    expect(result.last.test?.accuracy).toBeGreaterThan(0.9);
    expect(Object.keys(result.last)).toEqual(['epoch', 'loss', 'train', 'val', 'test', 'ms']);
    expect(Object.keys(result.last.val ?? {})).toEqual(['accuracy', 'loss']);
  });

  it('repeats exactly with the same seed, and differs with another', async () => {
    const a = await trainTiny(5, 15);
    const b = await trainTiny(5, 15);
    const c = await trainTiny(6, 15);
    expect(strip(a)).toEqual(strip(b));
    expect(strip(a)).not.toEqual(strip(c));
  });

  it('keeps the number of live tensors flat across epochs', async () => {
    const counts: number[] = [];
    await trainTiny(1, 12, [progress(() => void counts.push(tf.memory().numTensors))]);
    expect(new Set(counts).size).toBe(1);
  });

  it('frees everything it made once the model and optimizer are disposed', async () => {
    const before = tf.memory().numTensors;
    await trainTiny(2, 3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('picks the first epoch with the best validation accuracy', async () => {
    const result = await trainTiny(3, 30);
    const best = Math.max(...result.history.map((r) => r.val?.accuracy ?? NaN));
    const first = result.history.find((r) => r.val?.accuracy === best);
    expect(result.bestEpoch).toBe(first?.epoch);
    expect(result.best).toBe(first);
  });

  it("stops early with the GAT paper's rule once neither val accuracy nor val loss improves for `patience` epochs", async () => {
    const result = await trainTiny(0, 500, [gatPaperEarlyStopping(3)]);
    expect(result.stoppedEarly).toBe(true);
    expect(result.stopReason).toBe('no better val.accuracy or val.loss for 3 epochs');
    const h = result.history;
    expect(h.length).toBeLessThan(500);
    // The last three epochs improved on neither; the one before did.
    let bestAcc = -Infinity;
    let bestLoss = Infinity;
    const improved = h.map((r) => {
      const better = r.val!.accuracy > bestAcc || r.val!.loss < bestLoss;
      bestAcc = Math.max(bestAcc, r.val!.accuracy);
      bestLoss = Math.min(bestLoss, r.val!.loss);
      return better;
    });
    expect(improved.slice(-4)).toEqual([true, false, false, false]);
  });

  it('frees the gradients and losses when the optimizer step throws', async () => {
    const graph = tinyGraph();
    const data = await prepareNodeSplits(graph);
    const model = new TinyGnn(graph.numFeatures, 8, graph.numClasses, graph.edgeIndex, 16);
    const adam = new Adam(model.parameters(), { lr: 0.05 });
    const failing: Optimizer = { variables: () => adam.variables(), steps: 0, dispose: () => adam.dispose(), step: () => { throw new Error('optimizer broke'); } };
    const before = tf.memory().numTensors;
    await expect(trainEpoch(model, data, { task: new NodeClassificationTask(), optimizer: failing, forward: (m, g) => m.forward(g.x) })).rejects.toThrow('optimizer broke');
    expect(tf.memory().numTensors).toBe(before);
    adam.dispose();
    model.dispose();
    data.dispose();
    tf.dispose([graph.x, graph.edgeIndex, graph.y, graph.trainMask, graph.valMask, graph.testMask]);
  });

  it('rejects a non-positive epoch count with a FitError', async () => {
    await expect(trainTiny(0, 0)).rejects.toThrow(FitError);
  });
});
