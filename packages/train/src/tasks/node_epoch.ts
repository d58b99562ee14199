import type { EpochRecord } from '../fit/types.js';
import type { NodeClassificationMetric } from './node_classification.js';

/** One epoch of node classification as a flat row (the columns of `gnnjs train`'s `history.csv`). */
export interface NodeClassificationEpoch {
  epoch: number;
  loss: number;
  trainAcc: number;
  valAcc: number;
  testAcc: number;
  valLoss: number;
  ms: number;
}

/**
 * Flattens a {@link NodeClassificationTask} record (NaN for a split that was
 * not evaluated).
 *
 * @example
 * ```ts
 * const rows = result.history.map(nodeClassificationEpoch);
 * ```
 */
export function nodeClassificationEpoch(record: EpochRecord<NodeClassificationMetric>): NodeClassificationEpoch {
  return {
    epoch: record.epoch,
    loss: record.loss,
    trainAcc: record.train?.accuracy ?? NaN,
    valAcc: record.val?.accuracy ?? NaN,
    testAcc: record.test?.accuracy ?? NaN,
    valLoss: record.val?.loss ?? NaN,
    ms: record.ms,
  };
}
