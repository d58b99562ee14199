import type { Adam } from './adam.js';
import { evaluate, trainEpoch, type NodeClassifier, type TrainData } from './train_loop.js';

/** One row of the training history. */
export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  loss: number;
  trainAcc: number;
  valAcc: number;
  testAcc: number;
  valLoss: number;
  /** Wall time of the training step (forward, backward, Adam) in ms. */
  ms: number;
}

/** Options of {@link fit}. */
export interface FitOptions {
  epochs: number;
  /**
   * Stop once this many epochs in a row brought neither a better validation
   * accuracy nor a lower validation loss (the GAT paper's rule). Off when unset.
   */
  patience?: number;
  /** Called after each epoch, e.g. to draw a progress bar. */
  onEpoch?: (record: EpochRecord) => void;
}

/** What {@link fit} measured; accuracies are fractions in [0, 1]. */
export interface FitResult {
  history: EpochRecord[];
  /** First epoch with the best validation accuracy (PyG examples' rule). */
  bestEpoch: number;
  valAccBest: number;
  trainAccBestVal: number;
  testAccBestVal: number;
  last: EpochRecord;
  /** Mean training-step time, leaving out epoch 1 (warm-up) when there are more. */
  msPerEpoch: number;
  stoppedEarly: boolean;
}

/**
 * Runs PyG's example loop: each epoch trains once, then evaluates in eval
 * mode; the reported test accuracy is the one at the first epoch with the best
 * validation accuracy, and the one at the last epoch.
 *
 * @example
 * ```ts
 * const result = await fit(model, data, new Adam(model.parameters(), { lr: 0.005, weightDecay: 5e-4 }), { epochs: 200 });
 * console.log(result.testAccBestVal);
 * ```
 */
export async function fit(model: NodeClassifier, data: TrainData, optimizer: Adam, options: FitOptions): Promise<FitResult> {
  if (!(Number.isInteger(options.epochs) && options.epochs >= 1)) {
    throw new RangeError(`epochs must be an integer >= 1, got ${options.epochs}`);
  }
  const history: EpochRecord[] = [];
  let best: EpochRecord | undefined;
  let lowestValLoss = Infinity;
  let sinceImprovement = 0;
  let stoppedEarly = false;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const start = performance.now();
    const loss = await trainEpoch(model, data, optimizer);
    const ms = performance.now() - start;
    const ev = await evaluate(model, data);
    const record: EpochRecord = {
      epoch,
      loss,
      trainAcc: ev.trainAcc,
      valAcc: ev.valAcc,
      testAcc: ev.testAcc,
      valLoss: ev.valLoss,
      ms,
    };
    history.push(record);
    options.onEpoch?.(record);

    let improved = false;
    if (best === undefined || record.valAcc > best.valAcc) {
      best = record;
      improved = true;
    }
    if (record.valLoss < lowestValLoss) {
      lowestValLoss = record.valLoss;
      improved = true;
    }
    sinceImprovement = improved ? 0 : sinceImprovement + 1;
    if (options.patience !== undefined && sinceImprovement >= options.patience) {
      stoppedEarly = epoch < options.epochs;
      break;
    }
  }
  const last = history[history.length - 1];
  if (last === undefined || best === undefined) throw new Error('fit: no epoch ran');
  const timed = history.length > 1 ? history.slice(1) : history;
  return {
    history,
    bestEpoch: best.epoch,
    valAccBest: best.valAcc,
    trainAccBestVal: best.trainAcc,
    testAccBestVal: best.testAcc,
    last,
    msPerEpoch: timed.reduce((s, r) => s + r.ms, 0) / timed.length,
    stoppedEarly,
  };
}
