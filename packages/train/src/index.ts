/**
 * `@gnnjs/train`: training for GNN.js, browser-safe (checkpoints on the file
 * system are in `@gnnjs/train/node`).
 *
 * - `fit(model, { train, val?, test? }, { task, optimizer, epochs, forward?, callbacks? })`
 *   over one graph, a heterogeneous graph or loaders of mini-batches;
 * - tasks own the loss and the metrics: `NodeClassificationTask`, `BinaryClassificationTask`;
 * - metrics as functions: ROC-AUC, average precision, recall at precision or
 *   at an alert budget, F1, link-prediction AUC, hits@K, MRR;
 * - optimizers with PyTorch's semantics: `Adam`, `AdamW`, `SGD`;
 * - callbacks: `progress`, `EarlyStopping`, `BestCheckpoint`;
 * - the CLI's built-in models (`buildModel`, `buildTrainingSetup`) and recipes
 *   (`recipeHyperParameters`, `runProtocol`: PyG's examples, the GAT paper's protocol).
 *
 * @example
 * ```ts
 * import { Adam, NodeClassificationTask, fit, fullBatch, prepareNodeSplits } from '@gnnjs/train';
 * const result = await fit(model, fullBatch(await prepareNodeSplits(graph)), {
 *   task: new NodeClassificationTask(),
 *   optimizer: new Adam(model.parameters(), { lr: 0.01, weightDecay: 5e-4 }),
 *   epochs: 200,
 *   forward: (m, g) => m.forward(g.x, g.edgeIndex),
 * });
 * ```
 */
export { FitError, OptimizerError, CheckpointError, MetricError } from './errors.js';

export type { Optimizer, ParamGroup } from './optim/optimizer.js';
export { Adam, AdamW, type AdamOptions } from './optim/adam.js';
export { SGD, type SGDOptions } from './optim/sgd.js';

export {
  SPLIT_NAMES,
  type Collected,
  type CollectedSplits,
  type Metrics,
  type Monitor,
  type MonitorKey,
  type MonitorMode,
  type SplitName,
  type Task,
} from './tasks/task.js';
export { defaultLabels, defaultRows, type LabelSelector, type RowSelection, type RowSelector } from './tasks/rows.js';
export { NodeClassificationTask, type NodeClassificationMetric, type NodeClassificationOptions } from './tasks/node_classification.js';
export { nodeClassificationEpoch, type NodeClassificationEpoch } from './tasks/node_epoch.js';
export { prepareNodeSplits, type NodeClassificationGraph, type NodeSplits } from './tasks/node_splits.js';
export {
  BinaryClassificationTask,
  type BinaryClassificationMetric,
  type BinaryClassificationOptions,
} from './tasks/binary_classification.js';
export type { BinaryLoss } from './tasks/binary_losses.js';

export {
  atAlertBudget,
  averagePrecision,
  bestF1Threshold,
  budgetSize,
  f1AtThreshold,
  recallAtPrecision,
  rocAuc,
  type AlertBudget,
  type BudgetResult,
} from './metrics/binary.js';
export { hitsAtK, hitsAtKPerQuery, linkAuc, meanReciprocalRank, queryRanks } from './metrics/link.js';
export { aggregateRuns, mean, populationStd, runMetrics, type AggregateMetrics, type RunMetrics } from './metrics/runs.js';

export { fit } from './fit/fit.js';
export { evaluate, trainEpoch } from './fit/epoch.js';
export { fullBatch, type BatchSource, type FitData } from './fit/sources.js';
export type {
  Callback,
  EpochRecord,
  EvalOptions,
  FitContext,
  FitOptions,
  FitResult,
  ForwardFn,
  ForwardOption,
  MetricOf,
  StepOptions,
  Trainable,
} from './fit/types.js';

export { progress } from './callbacks/progress.js';
export { EarlyStopping, gatPaperEarlyStopping, type EarlyStoppingOptions } from './callbacks/early_stopping.js';
export { BestCheckpoint, type BestCheckpointOptions, type Stateful } from './callbacks/best_checkpoint.js';

export {
  CONFIG_FILE,
  WEIGHTS_FILE,
  applyCheckpoint,
  parseCheckpoint,
  serializeCheckpoint,
  weightsToTensors,
  type Checkpoint,
  type CheckpointManifest,
  type CheckpointModel,
  type JsonValue,
  type SerializedTensor,
} from './checkpoint/format.js';

export {
  DATASET_NAMES,
  MODEL_NAMES,
  defaultHyperParameters,
  isDatasetName,
  isModelName,
  type DatasetName,
  type HyperParameters,
  type ModelName,
  type RunConfig,
} from './builtin/config.js';
export {
  buildModel,
  buildOptimizer,
  buildTask,
  buildTrainingSetup,
  builtInForward,
  type TrainableModel,
  type TrainingSetup,
} from './builtin/models.js';
export { collectAttention, modelAttention, type LayerAttentionJson } from './builtin/attention.js';
export {
  GAT_PAPER_MAX_EPOCHS,
  RECIPE_NAMES,
  isRecipeName,
  recipeHyperParameters,
  runProtocol,
  type RecipeName,
  type RunProtocol,
} from './builtin/recipes.js';
export { GatPaperProtocol } from './builtin/gat_paper.js';
export * from './builtin/fraud/index.js';
export * from './explain/index.js';
