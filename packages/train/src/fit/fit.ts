import { BestTracker } from '../callbacks/monitor.js';
import { FitError } from '../errors.js';
import { SPLIT_NAMES, type Monitor, type Task } from '../tasks/task.js';
import { evaluate, trainEpoch } from './epoch.js';
import type { FitData } from './sources.js';
import type { EpochRecord, FitContext, FitOptions, FitResult, MetricOf, Trainable } from './types.js';

/**
 * Trains `model` for `epochs` epochs: each epoch runs {@link trainEpoch} on
 * `data.train`, then {@link evaluate} on every split `data` has, then the
 * callbacks (progress, early stopping, checkpoints). Works the same on one
 * full graph (`fullBatch(data)`: the task picks each split's rows by mask or
 * index), on a heterogeneous graph (give `forward`), and on loaders of
 * mini-batches (anything iterable or async-iterable, one per split).
 *
 * The result's `best` epoch is the first with the best value of
 * `options.best` (default: the task's monitor, e.g. validation accuracy, as
 * PyG's examples report "test accuracy at the best validation accuracy").
 *
 * @example
 * ```ts
 * const task = new NodeClassificationTask();
 * const optimizer = new Adam(model.parameters(), { lr: 0.005, weightDecay: 5e-4 });
 * const result = await fit(model, fullBatch(await prepareNodeSplits(cora)), {
 *   task, optimizer, epochs: 200,
 *   forward: (m, g) => m.forward(g.x, g.edgeIndex),
 *   callbacks: [progress((r) => console.log(r.epoch, r.val?.accuracy)), gatPaperEarlyStopping(100)],
 * });
 * console.log(result.bestEpoch, result.best.test?.accuracy);
 * ```
 */
export async function fit<M extends Trainable, B, T extends Task<B, string>>(
  model: M,
  data: FitData<B>,
  options: FitOptions<M, B, T>,
): Promise<FitResult<MetricOf<T>>> {
  type K = MetricOf<T>;
  if (!(Number.isInteger(options.epochs) && options.epochs >= 1)) {
    throw new FitError(`epochs must be an integer >= 1, got ${options.epochs}`);
  }
  if ((data as Partial<FitData<B>>).train === undefined) throw new FitError("fit: data has no 'train' split");
  const splits = options.evaluate ?? SPLIT_NAMES.filter((s) => data[s] !== undefined);
  const callbacks = options.callbacks ?? [];
  const history: EpochRecord<K>[] = [];
  let stopReason: string | undefined;
  const context: FitContext<K> = {
    model,
    epochs: options.epochs,
    history,
    stop: (reason) => {
      stopReason ??= reason;
    },
    get stopRequested() {
      return stopReason !== undefined;
    },
  };
  const bestMonitor = (options.best ?? options.task.monitor) as Monitor;
  const best = new BestTracker(bestMonitor);
  let bestRecord: EpochRecord<K> | undefined;
  let stoppedEarly = false;
  try {
    for (const cb of callbacks) await cb.onFitStart?.(context);
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const start = performance.now();
      const loss = await trainEpoch(model, data.train, options);
      const ms = performance.now() - start;
      const metrics = await evaluate(model, data, { ...options, splits });
      const record: EpochRecord<K> = { epoch, loss, ...metrics, ms };
      history.push(record);
      for (const cb of callbacks) await cb.onEpochEnd?.(record, context);
      if (tracks(record, bestMonitor, options.best !== undefined) && best.update(record)) bestRecord = record;
      if (context.stopRequested) {
        stoppedEarly = epoch < options.epochs;
        break;
      }
    }
  } catch (error) {
    for (const cb of callbacks) await cb.onFitError?.(error, context);
    throw error;
  }
  const last = history[history.length - 1]!;
  const chosen = bestRecord ?? last;
  const timed = history.length > 1 ? history.slice(1) : history;
  const result: FitResult<K> = {
    history,
    best: chosen,
    bestEpoch: chosen.epoch,
    last,
    msPerEpoch: timed.reduce((s, r) => s + r.ms, 0) / timed.length,
    stoppedEarly,
    ...(stoppedEarly && stopReason !== undefined ? { stopReason } : {}),
  };
  for (const cb of callbacks) await cb.onFitEnd?.(result, context);
  return result;
}

/**
 * Whether the best-epoch monitor applies to this record: the task's default
 * monitor is skipped when its split is not evaluated (the last epoch is then
 * the best); a monitor the caller chose must be there.
 */
function tracks(record: EpochRecord, monitor: Monitor, explicit: boolean): boolean {
  const split = monitor.monitor.slice(0, monitor.monitor.indexOf('.')) as keyof EpochRecord;
  return explicit || record[split] !== undefined;
}
