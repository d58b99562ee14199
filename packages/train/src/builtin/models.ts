import type * as tf from '@tensorflow/tfjs-core';
import { GAT, GATv2, GCN } from '@gnnjs/layers';
import { Adam } from '../optim/adam.js';
import { NodeClassificationTask } from '../tasks/node_classification.js';
import type { RunConfig } from './config.js';

/** The models the trainer builds. */
export type TrainableModel = GCN | GAT | GATv2;

/**
 * Builds the model of PyG's example for `config.model` (GCN: `examples/gcn.py`
 * with a cached normalisation, as there; GAT/GATv2: `examples/gat.py`). Call
 * `manualSeed(seed)` first for reproducible weights.
 *
 * @example
 * ```ts
 * manualSeed(0);
 * const model = buildModel(config);
 * ```
 */
export function buildModel(config: RunConfig): TrainableModel {
  const { hidden, heads, dropout } = config.hyperParameters;
  const outHeads = config.hyperParameters.outHeads ?? 1;
  switch (config.model) {
    case 'gcn':
      return new GCN(config.numFeatures, config.numClasses, { hiddenChannels: hidden, dropout, cached: true });
    case 'gat':
      return new GAT(config.numFeatures, config.numClasses, { hiddenChannels: hidden, heads, outHeads, dropout });
    case 'gatv2':
      return new GATv2(config.numFeatures, config.numClasses, { hiddenChannels: hidden, heads, outHeads, dropout });
  }
}

/**
 * Adam as PyG's examples set it up: GCN decays only `conv1`'s parameters
 * (`dict(params=model.conv1.parameters(), weight_decay=5e-4)`), GAT and GATv2
 * decay every parameter.
 *
 * @example
 * ```ts
 * const adam = buildOptimizer(config, model);
 * ```
 */
export function buildOptimizer(config: RunConfig, model: TrainableModel): Adam {
  const { lr, weightDecay } = config.hyperParameters;
  if (config.model === 'gcn') {
    const named = model.namedParameters();
    const first = named.filter(([name]) => name.startsWith('conv1.')).map(([, v]) => v);
    const rest = named.filter(([name]) => !name.startsWith('conv1.')).map(([, v]) => v);
    return new Adam([{ params: first, weightDecay }, { params: rest, weightDecay: 0 }], { lr });
  }
  return new Adam(model.parameters(), { lr, weightDecay });
}

/**
 * How `gnnjs train` runs a built-in model on a graph: PyG's `model(data.x, data.edge_index)`.
 *
 * @example
 * ```ts
 * const logits = builtInForward(model, data); // [N, classes]
 * ```
 */
export function builtInForward(model: TrainableModel, data: { x: tf.Tensor2D; edgeIndex: tf.Tensor2D }): tf.Tensor2D {
  return model.forward(data.x, data.edgeIndex);
}

/**
 * The task of a built-in run: node classification over `config.numClasses` classes.
 *
 * @example
 * ```ts
 * const { val } = await evaluate(model, fullBatch(data), { task: buildTask(config), forward: builtInForward });
 * ```
 */
export function buildTask(config: RunConfig): NodeClassificationTask {
  return new NodeClassificationTask({ numClasses: config.numClasses });
}

/** What a built-in model trains with (see {@link buildTrainingSetup}). */
export interface TrainingSetup {
  task: NodeClassificationTask;
  optimizer: Adam;
  forward: typeof builtInForward;
}

/**
 * Everything `gnnjs train` trains a built-in model with: {@link buildTask},
 * {@link buildOptimizer}'s Adam and {@link builtInForward}. The CLI, the
 * playground and the benchmark all take their epoch from here, so they run
 * the same step.
 *
 * @example
 * ```ts
 * const setup = buildTrainingSetup(config, model);
 * const result = await fit(model, fullBatch(data), { ...setup, epochs: 200 });
 * setup.optimizer.dispose();
 * ```
 */
export function buildTrainingSetup(config: RunConfig, model: TrainableModel): TrainingSetup {
  return { task: buildTask(config), optimizer: buildOptimizer(config, model), forward: builtInForward };
}
