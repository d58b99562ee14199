import type { FitResult } from '../fit/types.js';
import type { NodeClassificationMetric } from '../tasks/node_classification.js';

/** One run's headline numbers (accuracies are fractions in [0, 1]). */
export interface RunMetrics {
  seed: number;
  /** Test accuracy at the first epoch with the best validation accuracy. */
  testAccBestVal: number;
  testAccLast: number;
  valAccBest: number;
  valAccLast: number;
  trainAccBestVal: number;
  trainAccLast: number;
  bestEpoch: number;
  /** Epochs run (fewer than asked when early stopping triggered). */
  epochs: number;
  msPerEpoch: number;
}

/** The numeric fields of {@link RunMetrics} that are averaged over runs. */
export type AggregateMetrics = Omit<RunMetrics, 'seed'>;

const AGGREGATED_KEYS = [
  'testAccBestVal',
  'testAccLast',
  'valAccBest',
  'valAccLast',
  'trainAccBestVal',
  'trainAccLast',
  'bestEpoch',
  'epochs',
  'msPerEpoch',
] as const satisfies ReadonlyArray<keyof AggregateMetrics>;

/**
 * The headline numbers of one node-classification {@link FitResult} (what
 * `gnnjs train` prints; NaN for a split that was not evaluated).
 *
 * @example
 * ```ts
 * const run = runMetrics(seed, await fit(model, fullBatch(data), { ...setup, epochs: 200 }));
 * ```
 */
export function runMetrics(seed: number, result: FitResult<NodeClassificationMetric>): RunMetrics {
  const { best, last } = result;
  return {
    seed,
    testAccBestVal: best.test?.accuracy ?? NaN,
    testAccLast: last.test?.accuracy ?? NaN,
    valAccBest: best.val?.accuracy ?? NaN,
    valAccLast: last.val?.accuracy ?? NaN,
    trainAccBestVal: best.train?.accuracy ?? NaN,
    trainAccLast: last.train?.accuracy ?? NaN,
    bestEpoch: result.bestEpoch,
    epochs: result.history.length,
    msPerEpoch: result.msPerEpoch,
  };
}

/**
 * Mean of `values` (NaN when empty).
 *
 * @example
 * ```ts
 * mean([0.81, 0.83]); // 0.82
 * ```
 */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * Population standard deviation (divides by n, like `numpy.std`).
 *
 * @example
 * ```ts
 * populationStd([1, 2, 3, 4]); // sqrt(1.25)
 * ```
 */
export function populationStd(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
}

/**
 * Mean and population std of every numeric metric over runs.
 *
 * @example
 * ```ts
 * const { mean, std } = aggregateRuns(runs);
 * console.log(`${(100 * mean.testAccBestVal).toFixed(1)} ± ${(100 * std.testAccBestVal).toFixed(1)}`);
 * ```
 */
export function aggregateRuns(runs: readonly RunMetrics[]): { mean: AggregateMetrics; std: AggregateMetrics } {
  const meanOut = {} as AggregateMetrics;
  const stdOut = {} as AggregateMetrics;
  for (const key of AGGREGATED_KEYS) {
    const values = runs.map((r) => r[key]);
    meanOut[key] = mean(values);
    stdOut[key] = populationStd(values);
  }
  return { mean: meanOut, std: stdOut };
}
