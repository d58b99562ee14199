import * as tf from '@tensorflow/tfjs-core';
import { FitError } from '../errors.js';
import { SPLIT_NAMES, type Collected, type CollectedSplits, type Metrics, type SplitName, type Task } from '../tasks/task.js';
import { batchesOf, type BatchSource, type FitData } from './sources.js';
import type { EvalOptions, ForwardFn, MetricOf, StepOptions, Trainable } from './types.js';

/**
 * One training epoch, PyG's loop: for each batch, `model.train()`, forward,
 * the task's loss over the training rows, backward, optimizer step. Returns
 * the epoch's training loss (one batch: its loss; several: their mean,
 * weighted by the task's example counts), read back once at the end. `fit`
 * runs exactly this, so timing it (as the benchmark does) times `fit`'s step.
 *
 * @example
 * ```ts
 * const loss = await trainEpoch(model, data, { task, optimizer, forward: (m, g) => m.forward(g.x, g.edgeIndex) });
 * ```
 */
export async function trainEpoch<M extends Trainable, B, T extends Task<B, string>>(
  model: M,
  source: BatchSource<B>,
  options: StepOptions<M, B, T>,
): Promise<number> {
  const forward = resolveForward<M, B>(options.forward);
  const { task, optimizer } = options;
  const losses: tf.Scalar[] = [];
  const weights: number[] = [];
  try {
    for await (const batch of batchesOf(source, 'train')) {
      await task.checkBatch?.(batch, 'train');
      model.train();
      const { value, grads } = tf.variableGrads(() => task.loss(runForward(forward, model, batch), batch, 'train'), optimizer.variables());
      losses.push(value);
      try {
        optimizer.step(grads);
      } finally {
        tf.dispose(Object.values(grads));
      }
      weights.push(task.examples?.(batch, 'train') ?? 1);
    }
    if (losses.length === 1) return (await losses[0]!.data())[0] ?? NaN;
    const stacked = tf.stack(losses);
    const values = await stacked.data();
    stacked.dispose();
    let sum = 0;
    let total = 0;
    values.forEach((v, i) => {
      sum += v * weights[i]!;
      total += weights[i]!;
    });
    return sum / total;
  } finally {
    tf.dispose(losses);
  }
}

/**
 * Evaluates in eval mode (dropout off, no gradient tape): each split's
 * metrics from the task. Splits that share one source (a full graph) share
 * one forward pass per batch, and everything one forward gives is read back
 * in one transfer.
 *
 * @example
 * ```ts
 * const { val, test } = await evaluate(model, fullBatch(data), { task, forward });
 * console.log(val?.accuracy, test?.accuracy);
 * ```
 */
export async function evaluate<M extends Trainable, B, T extends Task<B, string>>(
  model: M,
  data: Partial<FitData<B>>,
  options: EvalOptions<M, B, T>,
): Promise<Partial<Record<SplitName, Metrics<MetricOf<T>>>>> {
  const forward = resolveForward<M, B>(options.forward);
  const splits = SPLIT_NAMES.filter((s) => (options.splits ?? SPLIT_NAMES).includes(s) && data[s] !== undefined);
  for (const s of options.splits ?? []) {
    if (data[s] === undefined) throw new FitError(`evaluate: no data for the ${s} split`);
  }
  // Group splits by source, keeping train/val/test order within a group.
  const groups = new Map<unknown, SplitName[]>();
  for (const split of splits) {
    const source = data[split];
    groups.set(source, [...(groups.get(source) ?? []), split]);
  }
  const collected: Record<SplitName, Collected[]> = { train: [], val: [], test: [] };
  model.eval();
  for (const [source, group] of groups) {
    for await (const batch of batchesOf(source as BatchSource<B>, group[0]!)) {
      for (const split of group) await options.task.checkBatch?.(batch, split);
      const layout: Array<{ split: SplitName; key: string; size: number }> = [];
      const flat = tf.tidy(() => {
        const output = runForward(forward, model, batch);
        const parts: tf.Tensor[] = [];
        for (const split of group) {
          for (const [key, t] of Object.entries(options.task.collect(output, batch, split))) {
            layout.push({ split, key, size: t.size });
            parts.push(tf.reshape(t.dtype === 'float32' ? t : tf.cast(t, 'float32'), [-1]));
          }
        }
        return parts.length === 0 ? tf.zeros([0]) : tf.concat(parts);
      });
      const values = (await flat.data()) as Float32Array;
      flat.dispose();
      const perSplit = new Map<SplitName, Record<string, Float32Array>>();
      let offset = 0;
      for (const { split, key, size } of layout) {
        const entry = perSplit.get(split) ?? {};
        entry[key] = values.slice(offset, offset + size);
        perSplit.set(split, entry);
        offset += size;
      }
      for (const split of group) collected[split].push(perSplit.get(split) ?? {});
    }
  }
  const inputs: CollectedSplits = Object.fromEntries(splits.map((s) => [s, collected[s]]));
  return options.task.metrics(inputs) as Partial<Record<SplitName, Metrics<MetricOf<T>>>>;
}

function resolveForward<M, B>(forward: ForwardFn<M, B> | undefined): ForwardFn<M, B> {
  if (forward !== undefined) return forward;
  return (model, batch) => {
    const f = (model as { forward?: unknown }).forward;
    if (typeof f !== 'function') throw new FitError("the model has no forward(batch); pass fit a 'forward' option");
    return (f as (b: B) => tf.Tensor).call(model, batch);
  };
}

function runForward<M, B>(forward: ForwardFn<M, B>, model: M, batch: B): tf.Tensor {
  const output = forward(model, batch);
  if (!(output instanceof tf.Tensor)) {
    throw new FitError(
      `forward returned ${output === null ? 'null' : typeof output}, not a tensor (a model whose forward takes (x, edgeIndex) needs forward: (m, g) => m.forward(g.x, g.edgeIndex))`,
    );
  }
  return output;
}
