import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TinyGnn, tinyGraph } from './test_support/tiny_graph.js';
import { Adam } from './adam.js';
import { fit, type FitResult } from './fit.js';
import { prepareData } from './train_loop.js';

async function trainTiny(seed: number, epochs: number, patience?: number, onEpoch?: () => void): Promise<FitResult> {
  const graph = tinyGraph();
  const data = await prepareData(graph, graph.numClasses);
  manualSeed(seed);
  const model = new TinyGnn(graph.numFeatures, 8, graph.numClasses, graph.edgeIndex, 16);
  const adam = new Adam(model.parameters(), { lr: 0.05, weightDecay: 5e-4 });
  const result = await fit(model, data, adam, {
    epochs,
    ...(patience === undefined ? {} : { patience }),
    ...(onEpoch === undefined ? {} : { onEpoch }),
  });
  adam.dispose();
  model.dispose();
  data.dispose();
  tf.dispose([graph.x, graph.edgeIndex, graph.y, graph.trainMask, graph.valMask, graph.testMask]);
  return result;
}

const strip = (r: FitResult): unknown => r.history.map(({ ms: _ms, ...rest }) => rest);

describe('fit', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('learns the tiny graph', async () => {
    const result = await trainTiny(0, 40);
    expect(result.history).toHaveLength(40);
    expect(result.last.loss).toBeLessThan(result.history[0]?.loss ?? 0);
    expect(result.valAccBest).toBe(1);
    expect(result.last.testAcc).toBeGreaterThan(0.9);
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
    await trainTiny(1, 12, undefined, () => counts.push(tf.memory().numTensors));
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(counts[0]).toBe(counts[1]);
  });

  it('frees everything it made once the model and optimizer are disposed', async () => {
    const before = tf.memory().numTensors;
    await trainTiny(2, 3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports the test accuracy of the first epoch with the best validation accuracy', async () => {
    const result = await trainTiny(3, 30);
    const best = Math.max(...result.history.map((r) => r.valAcc));
    const first = result.history.find((r) => r.valAcc === best);
    expect(result.bestEpoch).toBe(first?.epoch);
    expect(result.testAccBestVal).toBe(first?.testAcc);
    expect(result.valAccBest).toBe(best);
  });

  it('stops early once neither val accuracy nor val loss improves for `patience` epochs', async () => {
    const result = await trainTiny(0, 500, 3);
    expect(result.stoppedEarly).toBe(true);
    expect(result.history.length).toBeLessThan(500);
  });

  it('rejects a non-positive epoch count', async () => {
    await expect(trainTiny(0, 0)).rejects.toThrow(/epochs/);
  });
});
