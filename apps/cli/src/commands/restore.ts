import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendChoice } from '@gnnjs/backends';
import { loadGraph, type LoadedGraph } from '../data.js';
import { CheckpointError, CONFIG_FILE, readCheckpoint, weightsToTensors, type CheckpointConfig } from '@gnnjs/train/node';
import { buildModel, type TrainableModel, prepareData, type TrainData } from '@gnnjs/train';

/** Options shared by the commands that read a checkpoint. */
export interface CheckpointCommandOptions {
  checkpoint: string;
  backend: BackendChoice;
  dataRoot?: string;
  mirror?: string;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** A checkpoint brought back to life: its model with the saved weights, and its dataset. */
export interface Restored {
  config: CheckpointConfig;
  backend: string;
  model: TrainableModel;
  graph: LoadedGraph;
  data: TrainData;
  dispose(): void;
}

/**
 * Loads the checkpoint's config and weights, its dataset (same
 * preprocessing), and a model with those weights, on the chosen backend.
 */
export async function restoreCheckpoint(options: CheckpointCommandOptions): Promise<Restored> {
  // The checkpoint is read before the backend loads: a wrong path fails fast.
  const { config, weights: serialized } = await readCheckpoint(options.checkpoint);
  const backend = await useBackend(options.backend);
  let graph: LoadedGraph | undefined;
  let model: TrainableModel | undefined;
  try {
    graph = await loadGraph(config.dataset, {
      ...(options.dataRoot === undefined ? {} : { root: options.dataRoot }),
      ...(options.mirror === undefined ? {} : { mirror: options.mirror }),
      normalizeFeatures: config.normalizeFeatures,
    });
    const configPath = join(options.checkpoint, CONFIG_FILE);
    if (graph.numFeatures !== config.numFeatures || graph.numClasses !== config.numClasses) {
      throw new CheckpointError(
        configPath,
        `expects ${config.numFeatures} features and ${config.numClasses} classes, but ${config.dataset} has ${graph.numFeatures} and ${graph.numClasses}`,
      );
    }
    model = buildModel(config);
    const weights = weightsToTensors(serialized);
    try {
      model.loadStateDict(weights);
    } finally {
      tf.dispose(Object.values(weights));
    }
    const data = await prepareData(graph, graph.numClasses);
    const g = graph;
    const m = model;
    return {
      config,
      backend,
      model: m,
      graph: g,
      data,
      dispose: () => {
        data.dispose();
        m.dispose();
        g.dispose();
      },
    };
  } catch (err) {
    model?.dispose();
    graph?.dispose();
    throw err;
  }
}
