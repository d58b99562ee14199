/**
 * Cora training epochs (and eval-mode forwards) of the layers new in
 * `@gnnjs/layers` v2, in the models of `layer_models.ts`, beside the GCN/GAT
 * rows of `planetoid.ts`: the step is `@gnnjs/train`'s `trainEpoch` (the one
 * `fit` runs) with node classification and Adam. PyG has no anchor for
 * these, so the rows have no ratio.
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { NormalizeFeatures, Planetoid } from '@gnnjs/datasets';
import { Adam, NodeClassificationTask, prepareNodeSplits, trainEpoch, type NodeClassificationGraph } from '@gnnjs/train';
import type { PlanetoidResult } from '../results.js';
import { measure, type TimingOptions } from '../timing.js';
import { LAYER_MODEL_DISPLAY, buildLayerModel, syntheticEdgeAttr, type LayerModelName } from './layer_models.js';

export async function runLayerEpochWorkload(backend: string, name: LayerModelName, timing: TimingOptions, mirror: string | undefined): Promise<PlanetoidResult> {
  const graph = await Planetoid.load('Cora', { transform: new NormalizeFeatures(), ...(mirror === undefined ? {} : { mirror }) });
  const splits = await prepareNodeSplits(graph as unknown as NodeClassificationGraph);
  const edgeAttr = name === 'gine' ? syntheticEdgeAttr(splits.edgeIndex) : undefined;
  const data = { ...splits, ...(edgeAttr === undefined ? {} : { edgeAttr }) };
  manualSeed(0);
  const net = buildLayerModel(name, graph.numFeatures, graph.numClasses!);
  const optimizer = new Adam(net.parameters(), { lr: 0.01, weightDecay: 5e-4 });
  const step = { task: new NodeClassificationTask({ numClasses: graph.numClasses! }), optimizer, forward: (m: typeof net, d: typeof data) => m.forward(d) };

  // One epoch first: it creates the optimizer's state, which is not growth.
  await trainEpoch(net, data, step);
  const before = tf.memory().numTensors;
  const train = await measure(() => trainEpoch(net, data, step), timing);
  net.eval();
  const infer = await measure(async () => {
    const out = net.forward(data);
    await out.data();
    out.dispose();
  }, timing);
  const tensorGrowth = tf.memory().numTensors - before;
  const tfjsBytes = tf.memory().numBytes;
  net.dispose();
  optimizer.dispose();
  edgeAttr?.dispose();
  splits.dispose();
  graph.dispose();
  return {
    kind: 'planetoid',
    backend,
    dataset: 'Cora',
    model: LAYER_MODEL_DISPLAY[name],
    trainEpochMedianMs: train.medianMs,
    trainEpochMinMs: train.minMs,
    inferMedianMs: infer.medianMs,
    inferMinMs: infer.minMs,
    trainEpochCpuMedianMs: train.cpuMedianMs,
    inferCpuMedianMs: infer.cpuMedianMs,
    memory: { tfjsBytes, tensorGrowth },
  };
}
