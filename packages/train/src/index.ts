/**
 * The training loop of `gnnjs train` (browser-safe: checkpoints, which need
 * the file system, are in `@gnnjs/train/node`), reusable (e.g. by the benchmark
 * harness) so that every caller runs exactly the same epoch.
 *
 * @example
 * ```ts
 * import { Adam, buildModel, buildOptimizer, fit, prepareData } from '@gnnjs/train';
 * manualSeed(0);
 * const model = buildModel(config);
 * const result = await fit(model, await prepareData(graph, numClasses), buildOptimizer(config, model), { epochs: 200 });
 * ```
 */
export { Adam, type AdamOptions, type ParamGroup } from './adam.js';
export {
  crossEntropy,
  evaluate,
  prepareData,
  trainEpoch,
  type EvalResult,
  type NodeClassificationGraph,
  type NodeClassifier,
  type TrainData,
} from './train_loop.js';
export { fit, type EpochRecord, type FitOptions, type FitResult } from './fit.js';
export { aggregateRuns, mean, populationStd, runMetrics, type AggregateMetrics, type RunMetrics } from './metrics.js';
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
} from './config.js';
export { buildModel, buildOptimizer, type TrainableModel } from './models.js';
export { collectAttention, modelAttention, type LayerAttentionJson } from './attention.js';
