/**
 * The fraud / churn registry: models by name, the task and the optimizer
 * that `gnnjs train --dataset payments-fraud` trains them with. The data (a
 * temporal sampler over a relational database) is the caller's: a batch is
 * any {@link FraudBatch}.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { EdgeIndexDict, HeteroMetadata, XDict } from '@gnnjs/layers';
import { Adam } from '../../optim/adam.js';
import { BinaryClassificationTask } from '../../tasks/binary_classification.js';
import type { FraudHyperParameters, FraudModelName } from './config.js';
import { FlatGATFraudModel } from './flat_gat_model.js';
import { HeteroAttentionFraudModel } from './hetero_attention_model.js';
import { HGTFraudModel } from './hgt_model.js';
import { MLPFraudModel } from './mlp_model.js';
import type { FraudModel } from './model.js';

/** What a fraud model trains on: a (sampled) heterogeneous graph whose first `batchSize` target rows are the seeds. */
export interface FraudBatch {
  readonly xDict: XDict;
  readonly edgeIndexDict: EdgeIndexDict;
  /** 0/1 labels of the seeds (at least `batchSize` entries; the first `batchSize` are used). */
  readonly y: tf.Tensor1D;
  /** Seeds: rows `0 .. batchSize-1` of the target type. */
  readonly batchSize: number;
}

/** Everything that defines a fraud / churn model. */
export interface FraudModelConfig {
  model: FraudModelName;
  /** `graph.metadata()`: node types and edge types. */
  metadata: HeteroMetadata;
  /** The node type whose rows are scored. */
  targetType: string;
  hyperParameters: FraudHyperParameters;
}

/**
 * Builds a model of the registry. Call `manualSeed(seed)` first for
 * reproducible weights, then `materialize(widths)` before an optimizer
 * collects its parameters.
 *
 * @example
 * ```ts
 * manualSeed(0);
 * const model = buildFraudModel({ model: 'hetero-gat', metadata: graph.metadata(), targetType: 'transactions', hyperParameters: hp })
 *   .materialize(widths);
 * ```
 */
export function buildFraudModel(config: FraudModelConfig): FraudModel {
  const { metadata, targetType, hyperParameters: hp } = config;
  switch (config.model) {
    case 'hetero-gat':
    case 'hetero-gatv2':
      return new HeteroAttentionFraudModel(config.model, metadata, targetType, hp);
    case 'hgt':
      return new HGTFraudModel(metadata, targetType, hp);
    case 'mlp':
      return new MLPFraudModel(metadata, targetType, hp);
    case 'gat-flat':
      return new FlatGATFraudModel(metadata, targetType, hp);
  }
}

/**
 * The task: binary classification of the seeds with the run's loss; metrics
 * ROC-AUC, PR-AUC, recall at 1 % of the split flagged (`recallAtBudget`), and
 * F1 at the validation-chosen threshold; the best epoch by validation PR-AUC.
 *
 * @example
 * ```ts
 * const task = buildFraudTask(hp);
 * ```
 */
export function buildFraudTask(hp: FraudHyperParameters): BinaryClassificationTask<FraudBatch> {
  return new BinaryClassificationTask<FraudBatch>({
    loss: hp.loss,
    alertBudget: { fraction: 0.01 },
    minPrecision: 0.9,
    rows: (b) => ({ kind: 'first', count: b.batchSize }),
    labels: (b) => b.y,
  });
}

/** Adam with the run's learning rate and weight decay on every parameter. */
export function buildFraudOptimizer(hp: FraudHyperParameters, model: FraudModel): Adam {
  return new Adam(model.parameters(), { lr: hp.lr, weightDecay: hp.weightDecay });
}

/** `fit`'s forward for a fraud model: the logits of every target row (the task takes the seeds). */
export function fraudForward(model: FraudModel, batch: FraudBatch): tf.Tensor1D {
  return model.forward(batch.xDict, batch.edgeIndexDict);
}
