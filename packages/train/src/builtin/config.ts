/** Datasets the trainer knows. */
export const DATASET_NAMES = ['cora', 'citeseer', 'pubmed', 'karate'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Models the trainer builds (PyG examples' architectures). */
export const MODEL_NAMES = ['gcn', 'gat', 'gatv2'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** Training hyper-parameters; `weightDecay` applies as each model's PyG example does. */
export interface HyperParameters {
  lr: number;
  weightDecay: number;
  hidden: number;
  /** Attention heads of the first layer (GAT/GATv2; 1 for GCN). */
  heads: number;
  /** Attention heads of the output layer, averaged (GAT/GATv2; absent means 1). */
  outHeads?: number;
  dropout: number;
  epochs: number;
  /** Early-stopping patience in epochs; absent means none. */
  patience?: number;
}

/** Everything that defines a run except the backend. */
export interface RunConfig {
  dataset: DatasetName;
  model: ModelName;
  seed: number;
  hyperParameters: HyperParameters;
  numFeatures: number;
  numClasses: number;
  /** Whether features were row-normalised (`NormalizeFeatures`) before training. */
  normalizeFeatures: boolean;
}

/**
 * PyG's example defaults: `examples/gcn.py` (lr 0.01, weight decay 5e-4 on
 * the first layer only, 16 hidden, dropout 0.5) and `examples/gat.py` (lr
 * 0.005, weight decay 5e-4 on every parameter, 8 hidden × 8 heads, dropout
 * 0.6), 200 epochs.
 *
 * @example
 * ```ts
 * defaultHyperParameters('gat'); // { lr: 0.005, weightDecay: 5e-4, hidden: 8, heads: 8, dropout: 0.6, epochs: 200 }
 * ```
 */
export function defaultHyperParameters(model: ModelName): HyperParameters {
  if (model === 'gcn') return { lr: 0.01, weightDecay: 5e-4, hidden: 16, heads: 1, dropout: 0.5, epochs: 200 };
  return { lr: 0.005, weightDecay: 5e-4, hidden: 8, heads: 8, dropout: 0.6, epochs: 200 };
}

/**
 * Type guard for {@link DatasetName}.
 *
 * @example
 * ```ts
 * isDatasetName('cora'); // true; isDatasetName('ogbn-arxiv'): false
 * ```
 */
export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

/**
 * Type guard for {@link ModelName}.
 *
 * @example
 * ```ts
 * isModelName('gatv2'); // true
 * ```
 */
export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}
