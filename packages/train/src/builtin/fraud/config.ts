/**
 * The fraud and churn models of `gnnjs train --dataset payments-fraud`: their
 * names, hyper-parameters and defaults. Plain data: the CLI, the tests and the
 * playground read the same table.
 */
import type { BinaryLoss } from '../../tasks/binary_losses.js';

/**
 * Models for binary classification of one node type of a heterogeneous graph:
 * - `hetero-gat`, `hetero-gatv2`: `toHetero` of a 2-layer GAT / GATv2 (one
 *   attention layer per relation, summed per node type; a linear skip per
 *   relation keeps each node's own features, PyG's `GATConv(..., residual=True)`);
 * - `hgt`: a per-type input projection, then HGT layers (Hu et al. 2020);
 * - `mlp`: the target rows' own features only (no graph): the per-row baseline;
 * - `gat-flat`: the same GAT on the graph flattened to one node and one edge
 *   type (`HeteroGraph.toHomogeneous`'s layout: each type's features in its own
 *   block of columns, a type indicator, every edge type merged).
 */
export const FRAUD_MODEL_NAMES = ['hetero-gat', 'hetero-gatv2', 'hgt', 'mlp', 'gat-flat'] as const;
export type FraudModelName = (typeof FRAUD_MODEL_NAMES)[number];

/** Type guard for {@link FraudModelName}. */
export function isFraudModelName(name: string): name is FraudModelName {
  return (FRAUD_MODEL_NAMES as readonly string[]).includes(name);
}

/** Hyper-parameters of a fraud / churn run. */
export interface FraudHyperParameters {
  /** Adam learning rate. */
  lr: number;
  /** L2 weight decay on every parameter (Adam's, as PyTorch's). */
  weightDecay: number;
  /** Hidden width (all heads together for the attention models: `heads` × `hidden / heads`). */
  hidden: number;
  /** Attention heads (GAT, GATv2, HGT); `hidden` must be divisible by it. */
  heads: number;
  /** Message-passing layers (MLP: hidden layers). */
  layers: number;
  /** Dropout on hidden features, in training only. */
  dropout: number;
  /** Most epochs; early stopping on validation PR-AUC usually ends sooner. */
  epochs: number;
  /** Epochs without a better validation PR-AUC before stopping. */
  patience: number;
  /** Seeds per mini-batch. */
  batchSize: number;
  /** Neighbours sampled per relation and hop (the most recent ones before the seed). */
  fanout: number;
  /** Share of negative training rows kept each epoch (1: all; positives are always kept). */
  negativeRate: number;
  /** Weight of the positive class in the cross-entropy (the negative class has 1), or a focal loss. */
  loss: BinaryLoss;
}

/**
 * Defaults: 2 layers (a transaction reaches its card, device and account, and
 * through them their other transactions), hidden 32 in 2 heads, Adam 0.005,
 * batches of 512 seeds, 10 most recent neighbours per relation, a third of
 * the negatives per epoch with the positives weighted 5×.
 *
 * @example
 * ```ts
 * defaultFraudHyperParameters('hgt').layers; // 2
 * ```
 */
export function defaultFraudHyperParameters(model: FraudModelName): FraudHyperParameters {
  return {
    lr: 0.005,
    weightDecay: 1e-5,
    hidden: 32,
    heads: model === 'mlp' ? 1 : 2,
    layers: 2,
    dropout: 0.1,
    epochs: 30,
    patience: 5,
    batchSize: 512,
    fanout: 10,
    negativeRate: 0.35,
    loss: { kind: 'cross-entropy', classWeights: [1, 5] },
  };
}
