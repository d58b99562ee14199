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
  buildTrainingSetup,
  builtInForward,
  collectAttention,
  defaultHyperParameters,
  fit,
  fullBatch,
  nodeClassificationEpoch,
  prepareNodeSplits,
  progress,
  runMetrics,
  type NodeClassificationEpoch,
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
  history: NodeClassificationEpoch[];
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
  onEpoch?: (record: NodeClassificationEpoch) => void;
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
  const setup = buildTrainingSetup(config, model);
  const data = await prepareNodeSplits(graph).catch((error: unknown) => {
    graph.dispose();
    throw error;
  });
  try {
    // `fit` as `gnnjs train` runs it; the page draws each epoch and yields a
    // frame so the chart updates and Stop is heard.
    const result = await fit(model, fullBatch(data), {
      ...setup,
      epochs: request.epochs,
      callbacks: [
        progress(async (record, context) => {
          hooks.onEpoch?.(nodeClassificationEpoch(record));
          await nextFrame();
          if (hooks.shouldStop?.()) context.stop('stopped by the user');
        }),
      ],
    });
    model.eval();
    const predicted = tf.tidy(() => tf.argMax(builtInForward(model, data), 1));
    const predictions = Int32Array.from(await predicted.data());
    predicted.dispose();
    const { layers } = await collectAttention(model, data);
    return {
      backend,
      history: result.history.map(nodeClassificationEpoch),
      stopped: result.stoppedEarly,
      testAccBestVal: runMetrics(request.seed, result).testAccBestVal,
      bestEpoch: result.bestEpoch,
      predictions,
      attention: layers,
    };
  } finally {
    setup.optimizer.dispose();
    model.dispose();
    data.dispose();
    graph.dispose();
  }
}
