/**
 * Connects the native backends to `@gnnjs/core`'s `setBackend`. Core asks a
 * backend's `isAvailable` only once its tfjs backend is registered, and tfjs-node
 * registers `tensorflow` only when imported, so the import is tried here (once,
 * when this package is imported). When it fails, a stand-in `tensorflow`
 * factory keeps the name registered, so that `setBackend('node-gpu')` reaches
 * `isAvailable` and fails with the diagnosed cause instead of "not imported".
 */
import { registerBackendAlias } from '@gnnjs/core';
import { findBackendFactory, registerBackend, type KernelBackend } from '@tensorflow/tfjs-core';
import { loadNodeBackend, type LoadNodeBackendOptions, type NodeBackendInfo } from './load_node_backend.js';
import { NodeBackendUnavailableError } from './node_backend_error.js';
import { TENSORFLOW_BACKEND } from './variants.js';

/** What the start-up attempt found for each variant. */
export interface NodeBackendStartup {
  readonly node: NodeBackendInfo | Error;
  readonly 'node-gpu': NodeBackendInfo | Error;
}

/**
 * Loads the best native backend (tfjs-node-gpu, else tfjs-node) and registers
 * `node-gpu` and `node` with core's backend table. Never throws: failures are
 * returned and surface when the backend is selected. Importing this package
 * runs it; a package is imported at most once per process, so calling it
 * again only re-registers what the first call found.
 *
 * @example
 * ```ts
 * import { setBackend } from '@gnnjs/core';
 * import '@gnnjs/backend-node-gpu';
 * await setBackend('node-gpu'); // or throws BackendUnavailableError naming the cause
 * ```
 */
export async function registerNodeBackends(options: LoadNodeBackendOptions = {}): Promise<NodeBackendStartup> {
  const gpu = await attempt(() => loadNodeBackend('node-gpu', options));
  // After a CPU-only tfjs-node-gpu load this reuses it; otherwise it tries tfjs-node, then tfjs-node-gpu.
  const node = await attempt(() => loadNodeBackend('node', options));
  registerBackendAlias('node-gpu', TENSORFLOW_BACKEND, { isAvailable: availability(gpu) });
  registerBackendAlias('node', TENSORFLOW_BACKEND, { isAvailable: availability(node) });
  if (node instanceof Error && findBackendFactory(TENSORFLOW_BACKEND) == null) {
    // Lowest priority: tfjs's own automatic choice never prefers it over a working backend.
    registerBackend(TENSORFLOW_BACKEND, (): KernelBackend => {
      throw node;
    }, -1);
  }
  return { node, 'node-gpu': gpu };
}

async function attempt(load: () => Promise<NodeBackendInfo>): Promise<NodeBackendInfo | Error> {
  try {
    return await load();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Core puts a thrown error's message into its own `BackendUnavailableError`, so the diagnosis reaches the user. */
function availability(outcome: NodeBackendInfo | Error): () => boolean {
  return () => {
    if (outcome instanceof NodeBackendUnavailableError) {
      // Core appends '. ' and its own hint.
      throw new Error(`${outcome.reason}. ${outcome.hint.replace(/\.$/, '')}`, { cause: outcome });
    }
    if (outcome instanceof Error) throw outcome;
    return true;
  };
}
