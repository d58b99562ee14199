import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { karateGraph } from './test_support/karate.js';
import { defaultHyperParameters, type ModelName, type RunConfig } from './config.js';
import { fit } from './fit.js';
import { buildModel, buildOptimizer } from './models.js';
import { prepareData, type TrainData } from './train_loop.js';

let graph: ReturnType<typeof karateGraph>;
let data: TrainData;

function configFor(model: ModelName, seed = 0): RunConfig {
  return {
    dataset: 'karate',
    model,
    seed,
    hyperParameters: { ...defaultHyperParameters(model), epochs: 6 },
    numFeatures: graph.numFeatures,
    numClasses: graph.numClasses,
    normalizeFeatures: true,
  };
}

async function train(model: ModelName, seed: number, onEpoch?: () => void) {
  const config = configFor(model, seed);
  manualSeed(seed);
  const m = buildModel(config);
  const adam = buildOptimizer(config, m);
  const result = await fit(m, data, adam, { epochs: 6, ...(onEpoch === undefined ? {} : { onEpoch }) });
  adam.dispose();
  m.dispose();
  return result.history.map(({ ms: _ms, ...rest }) => rest);
}

describe.each(['gcn', 'gat', 'gatv2'] as const)('%s on the karate club (cpu)', (model) => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    graph ??= karateGraph();
    data ??= await prepareData(graph, graph.numClasses);
  });

  it('gives identical histories for the same seed', async () => {
    expect(await train(model, 3)).toEqual(await train(model, 3));
  });

  it('keeps numTensors flat across epochs and frees everything afterwards', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await train(model, 0, () => counts.push(tf.memory().numTensors));
    // GCN caches its normalised adjacency during epoch 1.
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('buildOptimizer', () => {
  afterAll(() => {
    data?.dispose();
    graph?.dispose();
  });

  it("decays only conv1 for GCN (PyG's examples/gcn.py), every parameter for GAT", async () => {
    await tf.setBackend('cpu');
    graph ??= karateGraph();
    for (const [model, decayed] of [['gcn', ['conv1.']], ['gat', ['conv1.', 'conv2.']]] as const) {
      const config = configFor(model);
      manualSeed(0);
      const m = buildModel(config);
      // Give every bias a non-zero value so decay is visible on all parameters.
      for (const v of m.parameters()) tf.tidy(() => v.assign(tf.onesLike(v)));
      const adam = buildOptimizer(config, m);
      const zeros = Object.fromEntries(m.parameters().map((v) => [v.name, tf.zerosLike(v)]));
      adam.step(zeros);
      for (const [name, v] of m.namedParameters()) {
        const moved = (await v.data()).some((value) => value !== 1);
        expect(moved, name).toBe(decayed.some((prefix) => name.startsWith(prefix)));
      }
      tf.dispose(Object.values(zeros));
      adam.dispose();
      m.dispose();
    }
  });
});
