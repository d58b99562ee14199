/**
 * Probing starts backends one after another; the caller's backend is put
 * back afterwards.
 */
import { backendFacts, getBackend, setBackend, type BackendName } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';

/** The active backend under GNN.js's name (tfjs's for one GNN.js does not know), or undefined when none was started yet. */
export function activeBackend(): string | undefined {
  // `backendName` stays unset until some backend has been initialised; getBackend() would initialise one.
  const tfjsName = tf.engine().backendName as string | null | undefined;
  return typeof tfjsName === 'string' && tfjsName !== '' ? getBackend() : undefined;
}

/** Makes `name` (from {@link activeBackend}) active again; keeps what is active when that fails. */
export async function restoreBackend(name: string | undefined): Promise<void> {
  if (name === undefined) return;
  try {
    if (backendFacts(name) !== undefined) await setBackend(name as BackendName);
    else await tf.setBackend(name);
  } catch {
    // It worked before probing; if it no longer starts, what is active now is the best there is.
  }
}
