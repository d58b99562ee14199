import { FitError } from '../errors.js';
import type { SplitName } from '../tasks/task.js';

/**
 * Where a split's batches come from:
 * - one batch (a full graph, a `HeteroGraph`, any object): every epoch uses it;
 * - a loader: anything iterable or async-iterable (an array of batches, a
 *   `NeighborLoader`), iterated afresh each epoch;
 * - a function returning an iterable, called each epoch (e.g. a reshuffling
 *   generator).
 * A batch itself must not be iterable or a function (it would be taken for a loader).
 */
export type BatchSource<B> = B | Iterable<B> | AsyncIterable<B> | (() => Iterable<B> | AsyncIterable<B>);

/** The data `fit` trains and evaluates on, per split. */
export interface FitData<B> {
  train: BatchSource<B>;
  val?: BatchSource<B>;
  test?: BatchSource<B>;
}

/**
 * The same full-batch data for every split (the task tells the splits
 * apart by the batch's masks or indices), as PyG's Planetoid examples.
 *
 * @example
 * ```ts
 * await fit(model, fullBatch(data), { task, optimizer, epochs: 200, forward });
 * ```
 */
export function fullBatch<B>(batch: B): { train: B; val: B; test: B } {
  return { train: batch, val: batch, test: batch };
}

/** Whether a source is a loader (as opposed to one batch). */
export function isLoader(source: unknown): boolean {
  if (typeof source === 'function') return true;
  if (typeof source !== 'object' || source === null) return false;
  return Symbol.asyncIterator in source || Symbol.iterator in source;
}

/**
 * The batches of one epoch. Throws {@link FitError} when a loader yields
 * nothing (an exhausted one-shot generator in epoch 2, an empty split).
 */
export async function* batchesOf<B>(source: BatchSource<B>, split: SplitName): AsyncGenerator<B, void, undefined> {
  if (!isLoader(source)) {
    yield source as B;
    return;
  }
  const iterable = (typeof source === 'function' ? (source as () => Iterable<B> | AsyncIterable<B>)() : source) as
    | Iterable<B>
    | AsyncIterable<B>;
  let count = 0;
  for await (const batch of iterable) {
    count += 1;
    yield batch;
  }
  if (count === 0) {
    throw new FitError(
      `the ${split} loader yielded no batch (a generator object can be iterated only once: pass the loader, or a function returning a fresh iterator)`,
    );
  }
}
