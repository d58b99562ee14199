/**
 * A copy of a model's weights held in memory, for callbacks that keep the
 * best epoch and load it back when `fit` ends (`BestCheckpoint`,
 * `GatPaperProtocol`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { FitError } from '../errors.js';

/** A model whose weights can be copied and restored (every `Module`). */
export interface Stateful {
  stateDict(): Record<string, tf.Tensor>;
  loadStateDict(dict: Readonly<Record<string, tf.Tensor>>, options?: { strict?: boolean; checkFinite?: boolean }): unknown;
}

/** `model` as {@link Stateful}, or a {@link FitError} naming `owner` (the callback that needs it). */
export function asStateful(model: unknown, owner: string): Stateful {
  const m = model as Partial<Stateful>;
  if (typeof m.stateDict !== 'function' || typeof m.loadStateDict !== 'function') {
    throw new FitError(`${owner}: the model has no stateDict/loadStateDict (use a Module)`);
  }
  return m as Stateful;
}

/** Copies of the model's state by name; a variable shared under several names is copied once. */
export function copyWeights(model: Stateful): Map<string, tf.Tensor> {
  const copies = new Map<tf.Tensor, tf.Tensor>();
  return new Map(
    Object.entries(model.stateDict()).map(([name, t]) => {
      const copy = copies.get(t) ?? tf.clone(t);
      copies.set(t, copy);
      return [name, copy];
    }),
  );
}

/** Loads a copy back; these weights were the model's own, so a diverged copy is the user's to see (no finiteness check). */
export function restoreWeights(model: Stateful, copy: ReadonlyMap<string, tf.Tensor>): void {
  model.loadStateDict(Object.fromEntries(copy), { checkFinite: false });
}

/** Frees a copy (each shared tensor once). */
export function disposeWeights(copy: ReadonlyMap<string, tf.Tensor> | undefined): void {
  if (copy !== undefined) tf.dispose([...new Set(copy.values())]);
}
