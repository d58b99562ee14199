/**
 * PyG's Planetoid workloads: a full-batch training epoch (forward,
 * cross-entropy on the train mask, backward, Adam step) and an eval-mode
 * forward, for GCN/GAT/GATv2 as in PyG's examples, with NormalizeFeatures.
 * The epoch is `gnnjs train`'s own: `trainEpoch` with `buildTrainingSetup`
 * from `@gnnjs/train`, the step `fit` runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { NormalizeFeatures, Planetoid } from '@gnnjs/datasets';
import {
  buildModel,
  buildTrainingSetup,
  builtInForward,
  defaultHyperParameters,
  prepareNodeSplits,
  trainEpoch,
  type DatasetName,
  type ModelName,
  type NodeClassificationGraph,
} from '@gnnjs/train';
import { planetoidAnchor, type PygAnchors } from '../anchors.js';
import type { PlanetoidResult } from '../results.js';
import { measure, type TimingOptions } from '../timing.js';

export interface PlanetoidWorkload {
  dataset: Exclude<DatasetName, 'karate' | 'pubmed'>;
  model: ModelName;
}

const DISPLAY: Record<string, string> = { cora: 'Cora', citeseer: 'CiteSeer', gcn: 'GCN', gat: 'GAT', gatv2: 'GATv2' };

export async function runPlanetoidWorkload(
  backend: string,
  workload: PlanetoidWorkload,
  timing: TimingOptions,
  anchors: PygAnchors | undefined,
  mirror: string | undefined,
): Promise<PlanetoidResult> {
  const dataset = DISPLAY[workload.dataset]!;
  const model = DISPLAY[workload.model]!;
  const graph = await Planetoid.load(dataset, {
    transform: new NormalizeFeatures(),
    ...(mirror === undefined ? {} : { mirror }),
  });
  const numClasses = graph.numClasses!;
  const data = await prepareNodeSplits(graph as unknown as NodeClassificationGraph);
  manualSeed(0);
  const hyperParameters = defaultHyperParameters(workload.model);
  const config = {
    dataset: workload.dataset,
    model: workload.model,
    seed: 0,
    hyperParameters,
    numFeatures: graph.numFeatures,
    numClasses,
    normalizeFeatures: true,
  };
  const net = buildModel(config);
  const setup = buildTrainingSetup(config, net);

  // One epoch first: it creates the optimizer's state and any per-graph caches,
  // which are not growth.
  await trainEpoch(net, data, setup);
  const before = tf.memory().numTensors;
  const train = await measure(() => trainEpoch(net, data, setup), timing);
  net.eval();
  const infer = await measure(async () => {
    const out = tf.tidy(() => builtInForward(net, data));
    await out.data();
    out.dispose();
  }, timing);
  const tensorGrowth = tf.memory().numTensors - before;
  const tfjsBytes = tf.memory().numBytes;

  const anchor = planetoidAnchor(anchors, dataset, model);
  net.dispose();
  setup.optimizer.dispose();
  data.dispose();
  graph.dispose();
  return {
    kind: 'planetoid',
    backend,
    dataset,
    model,
    trainEpochMedianMs: train.medianMs,
    trainEpochMinMs: train.minMs,
    inferMedianMs: infer.medianMs,
    inferMinMs: infer.minMs,
    trainEpochCpuMedianMs: train.cpuMedianMs,
    inferCpuMedianMs: infer.cpuMedianMs,
    memory: { tfjsBytes, tensorGrowth },
    ...(anchor ? { pyg: { trainEpochMedianMs: anchor.train_epoch_median_ms, inferMedianMs: anchor.infer_median_ms } } : {}),
  };
}
