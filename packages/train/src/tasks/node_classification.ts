import * as tf from '@tensorflow/tfjs-core';
import { FitError } from '../errors.js';
import { assertCheckedLabelsBelow, assertClassLabels } from './label_check.js';
import {
  defaultLabels,
  rowSelector,
  selectedCount,
  selectedMean,
  takeRows,
  type LabelSelector,
  type RowSelection,
  type RowSelector,
} from './rows.js';
import { SPLIT_NAMES, type Collected, type CollectedSplits, type Metrics, type Monitor, type SplitName, type Task } from './task.js';

/** Metrics of {@link NodeClassificationTask}: accuracy in [0, 1] and mean cross-entropy. */
export type NodeClassificationMetric = 'accuracy' | 'loss';

/** Options of {@link NodeClassificationTask}. */
export interface NodeClassificationOptions<B> {
  /** Check that the model's output has this many columns (one logit per class). */
  numClasses?: number;
  /**
   * Which rows of a batch belong to a split: `'auto'` (default:
   * `<split>Index`, else `batchSize`, else `<split>Mask`, see `defaultRows`),
   * `'all'`, or a function.
   */
  rows?: 'auto' | 'all' | RowSelector<B>;
  /** The class of each row, `[N]` integers; default `batch.y`. */
  labels?: LabelSelector<B>;
}

/**
 * Multi-class node (or graph) classification as PyG's examples train it:
 * the loss is the mean cross-entropy of `log_softmax(out)` over the split's
 * rows (`F.cross_entropy(out[mask], y[mask])`; idempotent for models that
 * already end in `log_softmax`), the metrics are accuracy and that loss.
 * `fit` picks the first epoch with the best validation accuracy.
 *
 * @example
 * ```ts
 * const task = new NodeClassificationTask({ numClasses: 7 });
 * const result = await fit(model, fullBatch(await prepareNodeSplits(cora)), {
 *   task, optimizer, epochs: 200, forward: (m, g) => m.forward(g.x, g.edgeIndex),
 * });
 * ```
 */
export class NodeClassificationTask<B = unknown> implements Task<B, NodeClassificationMetric> {
  readonly name = 'node classification';
  readonly monitor: Monitor<NodeClassificationMetric> = { monitor: 'val.accuracy', mode: 'max' };
  private readonly rows: RowSelector<B>;
  private readonly labels: LabelSelector<B>;
  private readonly numClasses: number | undefined;

  constructor(options: NodeClassificationOptions<B> = {}) {
    this.rows = rowSelector(options.rows);
    this.labels = options.labels ?? defaultLabels;
    this.numClasses = options.numClasses;
  }

  loss(output: tf.Tensor, batch: B, split: SplitName): tf.Scalar {
    return this.crossEntropy(output, batch, this.rows(batch, split));
  }

  /** The split's labels are class indices: in `[0, numClasses)`, or below the output's columns (checked in the loss). */
  async checkBatch(batch: B, split: SplitName): Promise<void> {
    await assertClassLabels(this.labels(batch), this.rows(batch, split), this.numClasses, this.name);
  }

  examples(batch: B, split: SplitName): number | undefined {
    return selectedCount(this.rows(batch, split));
  }

  collect(output: tf.Tensor, batch: B, split: SplitName): Record<string, tf.Tensor> {
    const rows = this.rows(batch, split);
    const logits = takeRows(this.checkOutput(output), rows);
    const correct = tf.equal(tf.argMax(logits, 1), takeRows(classIndices(this.labels(batch)), rows));
    return {
      accuracy: selectedMean(tf.cast(correct, 'float32'), rows),
      loss: this.crossEntropy(output, batch, rows),
      count: rows.kind === 'mask' ? tf.sum(tf.cast(rows.mask, 'float32')) : tf.scalar(logits.shape[0]!),
    };
  }

  metrics(collected: CollectedSplits): Partial<Record<SplitName, Metrics<NodeClassificationMetric>>> {
    const out: Partial<Record<SplitName, Metrics<NodeClassificationMetric>>> = {};
    for (const split of SPLIT_NAMES) {
      const batches = collected[split];
      if (batches !== undefined && batches.length > 0) out[split] = combine(batches);
    }
    return out;
  }

  private crossEntropy(output: tf.Tensor, batch: B, rows: RowSelection): tf.Scalar {
    return tf.tidy(() => {
      const logits = this.checkOutput(output);
      assertCheckedLabelsBelow(this.labels(batch), rows, logits.shape[1], this.name);
      const logProbs = tf.logSoftmax(takeRows(logits, rows));
      const target = tf.oneHot(takeRows(classIndices(this.labels(batch)), rows) as tf.Tensor1D, logits.shape[1]);
      return tf.neg(selectedMean(tf.sum(tf.mul(logProbs, target), 1), rows));
    });
  }

  private checkOutput(output: tf.Tensor): tf.Tensor2D {
    if (output.rank !== 2) throw new FitError(`${this.name}: the model's output must be [rows, classes], got [${output.shape.join(', ')}]`);
    if (this.numClasses !== undefined && output.shape[1] !== this.numClasses) {
      throw new FitError(`${this.name}: the model's output has ${output.shape[1]} columns but numClasses is ${this.numClasses}`);
    }
    return output as tf.Tensor2D;
  }
}

/** Labels as int32 class indices `[N]` (a no-op for what `prepareNodeSplits` makes). */
function classIndices(y: tf.Tensor): tf.Tensor1D {
  const flat = y.rank === 1 ? y : tf.reshape(y, [-1]);
  return (flat.dtype === 'int32' ? flat : tf.cast(flat, 'int32')) as tf.Tensor1D;
}

/**
 * One batch: its values as the backend computed them (float32), so a
 * full-batch run reports exactly what one `tf.mean` gives. Several: weighted
 * by each batch's row count.
 */
function combine(batches: readonly Collected[]): Metrics<NodeClassificationMetric> {
  const first = batches[0]!;
  if (batches.length === 1) return { accuracy: first['accuracy']![0]!, loss: first['loss']![0]! };
  let n = 0;
  let accuracy = 0;
  let loss = 0;
  for (const b of batches) {
    const count = b['count']![0]!;
    if (count === 0) continue;
    n += count;
    accuracy += b['accuracy']![0]! * count;
    loss += b['loss']![0]! * count;
  }
  return { accuracy: accuracy / n, loss: loss / n };
}
