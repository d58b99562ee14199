import { join } from 'node:path';
import { useBackend, type BackendChoice } from '@gnnjs/backends';
import { applyCheckpoint, buildModel, CheckpointError, CONFIG_FILE, prepareNodeSplits, WEIGHTS_FILE, type NodeSplits, type TrainableModel } from '@gnnjs/train';
import { readCheckpoint } from '@gnnjs/train/node';
import { loadGraph, type LoadedGraph } from '../data.js';
import { parseRunMeta, type RunCheckpointMeta } from '../run_meta.js';

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
  config: RunCheckpointMeta;
  backend: string;
  model: TrainableModel;
  graph: LoadedGraph;
  data: NodeSplits;
  dispose(): void;
}

/**
 * Loads the checkpoint (verified: checksum, shapes, finite weights), its run
 * configuration from `meta`, its dataset (same preprocessing), and a model
 * with those weights, on the chosen backend.
 */
export async function restoreCheckpoint(options: CheckpointCommandOptions): Promise<Restored> {
  // The checkpoint is read before the backend loads: a wrong path fails fast.
  const checkpoint = await readCheckpoint(options.checkpoint);
  const configPath = join(options.checkpoint, CONFIG_FILE);
  const config = parseRunMeta(checkpoint.meta, configPath);
  const backend = await useBackend(options.backend);
  let graph: LoadedGraph | undefined;
  let model: TrainableModel | undefined;
  try {
    graph = await loadGraph(config.dataset, {
      ...(options.dataRoot === undefined ? {} : { root: options.dataRoot }),
      ...(options.mirror === undefined ? {} : { mirror: options.mirror }),
      normalizeFeatures: config.normalizeFeatures,
    });
    if (graph.numFeatures !== config.numFeatures || graph.numClasses !== config.numClasses) {
      throw new CheckpointError(
        configPath,
        `expects ${config.numFeatures} features and ${config.numClasses} classes, but ${config.dataset} has ${graph.numFeatures} and ${graph.numClasses}`,
      );
    }
    model = buildModel(config);
    applyCheckpoint(model, checkpoint, { file: join(options.checkpoint, WEIGHTS_FILE) });
    const data = await prepareNodeSplits(graph);
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
