import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '@gnnjs/core';

import type { BackendName } from './backend_names.js';

export type { BackendName } from './backend_names.js';

interface BackendEntry {
  /** The name tfjs registers the backend under. */
  tfName: string;
  /** Imports the package that registers the backend and its GNN kernels. */
  load: () => Promise<unknown>;
  /** What to do when it does not load. */
  hint: string;
}

const BACKENDS: Record<Exclude<BackendName, 'auto'>, BackendEntry> = {
  cpu: {
    tfName: 'cpu',
    load: () => import('@gnnjs/backend-cpu'),
    hint: 'Install @gnnjs/backend-cpu.',
  },
  wasm: {
    tfName: 'wasm',
    load: () => import('@gnnjs/backend-wasm'),
    hint: 'Install @gnnjs/backend-wasm.',
  },
  webgpu: {
    tfName: 'webgpu',
    load: () => import('@gnnjs/backend-webgpu/node'),
    hint: "Install @gnnjs/backend-webgpu and the 'webgpu' package (Dawn), and check the GPU driver; run 'gnnjs doctor'.",
  },
  // loadNodeBackend throws a NodeBackendUnavailableError with the diagnosed
  // cause (missing package, libtensorflow, CUDA, no GPU) and its fix.
  node: {
    tfName: 'tensorflow',
    load: async () => (await import('@gnnjs/backend-node-gpu')).loadNodeBackend('node'),
    hint: "Install @tensorflow/tfjs-node 4.22.0; run 'gnnjs doctor'.",
  },
  'node-gpu': {
    tfName: 'tensorflow',
    load: async () => (await import('@gnnjs/backend-node-gpu')).loadNodeBackend('node-gpu'),
    hint: "Install @tensorflow/tfjs-node-gpu 4.22.0 with CUDA 11.8 and cuDNN 8; run 'gnnjs doctor'.",
  },
};

/** `auto`'s order of preference (the README's: fastest first). */
const AUTO_ORDER: ReadonlyArray<Exclude<BackendName, 'auto'>> = ['webgpu', 'node-gpu', 'node', 'wasm', 'cpu'];

/**
 * Loads and activates a backend; returns the CLI name of the backend now
 * active (for `auto`, the one it picked).
 * Throws {@link BackendUnavailableError} naming the backend when its package
 * or native library is missing, or when it fails to initialise.
 */
export async function useBackend(name: BackendName): Promise<string> {
  if (name !== 'auto') {
    await activate(name);
    return name;
  }
  for (const candidate of AUTO_ORDER) {
    try {
      await activate(candidate);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new BackendUnavailableError('auto', 'no backend could be loaded', BACKENDS.cpu.hint);
}

/** One backend's status, as `gnnjs doctor` reports it. */
export interface BackendProbe {
  backend: Exclude<BackendName, 'auto'>;
  ok: boolean;
  /** Why it is unavailable, with the fix. */
  message?: string;
}

/**
 * Tries every backend in turn (loading each as `useBackend` would) and leaves
 * the first that works active.
 */
export async function probeBackends(): Promise<BackendProbe[]> {
  const probes: BackendProbe[] = [];
  for (const backend of [...AUTO_ORDER].reverse()) {
    try {
      await activate(backend);
      probes.push({ backend, ok: true });
    } catch (err) {
      probes.push({ backend, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return probes;
}

async function activate(name: Exclude<BackendName, 'auto'>): Promise<void> {
  const entry = BACKENDS[name];
  try {
    await entry.load();
  } catch (err) {
    if (err instanceof BackendUnavailableError) throw err;
    throw new BackendUnavailableError(name, `its package failed to load (${shortReason(err)})`, entry.hint);
  }
  let ok = false;
  try {
    ok = await tf.setBackend(entry.tfName);
  } catch (err) {
    throw new BackendUnavailableError(name, `it failed to initialise (${shortReason(err)})`, entry.hint);
  }
  if (!ok) throw new BackendUnavailableError(name, 'it failed to initialise', entry.hint);
}

function shortReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? text).slice(0, 200);
}
