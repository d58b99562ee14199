import { BackendUnavailableError, setBackend } from '@gnnjs/core';

import type { BackendName } from './backend_names.js';

export type { BackendName } from './backend_names.js';

interface BackendEntry {
  /** Imports the package that registers the backend and its GNN kernels. */
  load: () => Promise<unknown>;
  /** What to do when it does not load. */
  hint: string;
}

const BACKENDS: Record<Exclude<BackendName, 'auto'>, BackendEntry> = {
  cpu: {
    load: () => import('@gnnjs/backend-cpu'),
    hint: 'Install @gnnjs/backend-cpu.',
  },
  wasm: {
    load: () => import('@gnnjs/backend-wasm'),
    hint: 'Install @gnnjs/backend-wasm.',
  },
  // setupNodeWebGPU installs Dawn's navigator.gpu and registers the backend
  // only when an adapter exists; otherwise it says why.
  webgpu: {
    load: async () => {
      const setup = await (await import('@gnnjs/backend-webgpu/node')).setupNodeWebGPU();
      if (!setup.available) throw new BackendUnavailableError('webgpu', setup.reason, "Run 'gnnjs doctor'.");
    },
    hint: "Install @gnnjs/backend-webgpu and the 'webgpu' package (Dawn), and check the GPU driver; run 'gnnjs doctor'.",
  },
  // loadNodeBackend throws a NodeBackendUnavailableError with the diagnosed
  // cause (missing package, libtensorflow, CUDA, no GPU) and its fix.
  node: {
    load: async () => (await import('@gnnjs/backend-node-gpu')).loadNodeBackend('node'),
    hint: "Install @tensorflow/tfjs-node 4.22.0; run 'gnnjs doctor'.",
  },
  'node-gpu': {
    load: async () => (await import('@gnnjs/backend-node-gpu')).loadNodeBackend('node-gpu'),
    hint: "Install @tensorflow/tfjs-node-gpu 4.22.0 with CUDA 11.8 and cuDNN 8; run 'gnnjs doctor'.",
  },
};

/** Loaded for `auto`, in core's order of preference (core picks among those that load). */
const AUTO_ORDER: ReadonlyArray<Exclude<BackendName, 'auto'>> = ['webgpu', 'node-gpu', 'node', 'wasm', 'cpu'];

/**
 * Imports a backend's package and activates it with core's `setBackend`;
 * returns the name now active (for `auto`, the one core picked: webgpu >
 * node-gpu > node > wasm > cpu among those that load, software fallbacks
 * last). Throws {@link BackendUnavailableError} naming the backend when its
 * package or native library is missing, or when it fails to initialise.
 */
export async function useBackend(name: BackendName): Promise<string> {
  if (name !== 'auto') {
    await load(name);
    return setBackend(name);
  }
  for (const candidate of AUTO_ORDER) {
    try {
      await load(candidate);
    } catch {
      // not installed here: core's 'auto' skips what is not registered
    }
  }
  return setBackend('auto');
}

async function load(name: Exclude<BackendName, 'auto'>): Promise<void> {
  const entry = BACKENDS[name];
  try {
    await entry.load();
  } catch (err) {
    if (err instanceof BackendUnavailableError) throw err;
    throw new BackendUnavailableError(name, `its package failed to load (${shortReason(err)})`, entry.hint);
  }
}

function shortReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? text).slice(0, 200);
}
