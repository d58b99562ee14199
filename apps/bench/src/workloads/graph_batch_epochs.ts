/**
 * Graph-classification training epochs over mini-batches of many small
 * graphs (`pathPairDistance`, 32 graphs of 24–32 nodes per batch): a 2-layer
 * GIN and GPS (Laplacian PE, two `GPSConv` layers with attention within each
 * graph) of `graph_transformer.ts`, shown beside the Cora rows. The step is
 * `@gnnjs/train`'s `trainEpoch`; inference is an eval-mode forward of every
 * batch. PyG has no anchor for these rows.
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed, type Batch } from '@gnnjs/core';
import { Adam, NodeClassificationTask, trainEpoch } from '@gnnjs/train';
import type { PlanetoidResult } from '../results.js';
import { measure, type TimingOptions } from '../timing.js';
import { RECIPE, buildGraphModel, disposeSplits, makeSplits, type GraphTransformerModel } from './graph_transformer.js';

/** The models timed, as the report shows them. */
export const GRAPH_BATCH_MODELS: Readonly<Record<'gin' | 'gps-lappe', string>> = { gin: 'GIN', 'gps-lappe': 'GPS' };

export async function runGraphBatchWorkload(backend: string, name: keyof typeof GRAPH_BATCH_MODELS, timing: TimingOptions, quick: boolean): Promise<PlanetoidResult> {
  const numTrain = quick ? 64 : 256;
  const splits = makeSplits({ seed: 0, withPE: name !== 'gin', numTrain, numVal: 0, numTest: 0 });
  manualSeed(0);
  const net = buildGraphModel(name as GraphTransformerModel, splits.numFeatures);
  const optimizer = new Adam(net.parameters(), { lr: RECIPE.lr });
  const step = { task: new NodeClassificationTask<Batch>({ numClasses: 2, rows: 'all' }), optimizer, forward: (m: typeof net, b: Batch) => m.forward(b) };
  // One epoch first: it creates the optimizer's state, which is not growth.
  await trainEpoch(net, splits.train, step);
  const before = tf.memory().numTensors;
  const train = await measure(() => trainEpoch(net, splits.train, step), timing);
  net.eval();
  const infer = await measure(async () => {
    for (const batch of splits.train) {
      const out = net.forward(batch);
      await out.data();
      out.dispose();
    }
  }, timing);
  const tensorGrowth = tf.memory().numTensors - before;
  const tfjsBytes = tf.memory().numBytes;
  net.dispose();
  optimizer.dispose();
  disposeSplits(splits);
  return {
    kind: 'planetoid',
    backend,
    dataset: `${numTrain} graphs (B=${RECIPE.batchSize})`,
    model: GRAPH_BATCH_MODELS[name],
    trainEpochMedianMs: train.medianMs,
    trainEpochMinMs: train.minMs,
    inferMedianMs: infer.medianMs,
    inferMinMs: infer.minMs,
    trainEpochCpuMedianMs: train.cpuMedianMs,
    inferCpuMedianMs: infer.cpuMedianMs,
    memory: { tfjsBytes, tensorGrowth },
  };
}
