/**
 * One training run in the page: PyG's example loop from `@gnnjs/train`
 * (the same epoch as `gnnjs train`), one epoch per animation frame so the
 * chart updates and Stop is heard, then the predictions and attention read
 * back as plain arrays for the explorer.
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed, type BackendName } from '@gnnjs/core';
import {
  buildModel,
  buildOptimizer,
  collectAttention,
  defaultHyperParameters,
  evaluate,
  prepareData,
  trainEpoch,
  type EpochRecord,
  type LayerAttentionJson,
  type ModelName,
  type RunConfig,
} from '@gnnjs/train';
import { useBackend } from './backends.js';
import type { PlaygroundDataset } from './datasets.js';

/** What the user asked for. */
export interface RunRequest {
  dataset: PlaygroundDataset;
  model: ModelName;
  backend: BackendName | 'auto';
  epochs: number;
  lr: number;
  seed: number;
}

/** What a finished (or stopped) run leaves for the page. */
export interface RunOutcome {
  backend: string;
  history: EpochRecord[];
  stopped: boolean;
  /** Test accuracy at the first epoch with the best validation accuracy (PyG examples' rule). */
  testAccBestVal: number;
  bestEpoch: number;
  /** Predicted class per node, from an eval-mode forward after the last epoch. */
  predictions: Int32Array;
  /** Attention of each layer (GAT, GATv2); empty for GCN. */
  attention: LayerAttentionJson[];
}

export interface RunHooks {
  /** Resolves once the backend is active, before any tensor is made. */
  onBackend?: (name: string) => void;
  onEpoch?: (record: EpochRecord) => void;
  /** Polled between epochs. */
  shouldStop?: () => boolean;
}

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Trains a fresh model and returns what the explorer shows. Frees every
 * tensor it made, also on error.
 */
export async function trainInPage(request: RunRequest, hooks: RunHooks = {}): Promise<RunOutcome> {
  const backend = await useBackend(request.backend);
  hooks.onBackend?.(backend);
  const { dataset } = request;
  const config: RunConfig = {
    dataset: dataset.name,
    model: request.model,
    seed: request.seed,
    hyperParameters: { ...defaultHyperParameters(request.model), epochs: request.epochs, lr: request.lr },
    numFeatures: dataset.numFeatures,
    numClasses: dataset.numClasses,
    normalizeFeatures: true,
  };
  const graph = dataset.makeGraph();
  manualSeed(request.seed);
  const model = buildModel(config);
  const optimizer = buildOptimizer(config, model);
  const data = await prepareData(graph, dataset.numClasses).catch((error: unknown) => {
    graph.dispose();
    throw error;
  });
  try {
    const history: EpochRecord[] = [];
    let best: EpochRecord | undefined;
    let stopped = false;
    for (let epoch = 1; epoch <= request.epochs; epoch++) {
      if (hooks.shouldStop?.()) {
        stopped = true;
        break;
      }
      const start = performance.now();
      const loss = await trainEpoch(model, data, optimizer);
      const ms = performance.now() - start;
      const ev = await evaluate(model, data);
      const record: EpochRecord = { epoch, loss, trainAcc: ev.trainAcc, valAcc: ev.valAcc, testAcc: ev.testAcc, valLoss: ev.valLoss, ms };
      history.push(record);
      if (best === undefined || record.valAcc > best.valAcc) best = record;
      hooks.onEpoch?.(record);
      await nextFrame();
    }
    model.eval();
    const predicted = tf.tidy(() => tf.argMax(model.forward(data.x, data.edgeIndex), 1));
    const predictions = Int32Array.from(await predicted.data());
    predicted.dispose();
    const { layers } = await collectAttention(model, data);
    return {
      backend,
      history,
      stopped,
      testAccBestVal: best?.testAcc ?? NaN,
      bestEpoch: best?.epoch ?? 0,
      predictions,
      attention: layers,
    };
  } finally {
    optimizer.dispose();
    model.dispose();
    data.dispose();
    graph.dispose();
  }
}
