/**
 * The tfjs backends `pnpm parity` can run on, each loaded on demand. A backend
 * whose package or hardware is missing is skipped with the reason.
 */
import * as tf from '@tensorflow/tfjs-core';

/** A backend ready for `tf.setBackend(name)`, or why it is not. */
export type BackendProbe = { name: string; available: true } | { name: string; available: false; reason: string };

interface BackendSpec {
  label: string;
  /** Loads the backend's package and returns the tfjs backend name to select. */
  load: () => Promise<string>;
}

// Specifiers held in variables keep these optional packages out of the type graph.
const importOptional = (specifier: string): Promise<unknown> => import(specifier);

const SPECS: readonly BackendSpec[] = [
  { label: 'cpu', load: async () => (await import('@gnnjs/backend-cpu'), 'cpu') },
  { label: 'wasm', load: async () => (await import('@gnnjs/backend-wasm'), 'wasm') },
  {
    label: 'webgpu',
    load: async () => {
      const mod = (await importOptional('@gnnjs/backend-webgpu/node')) as {
        setupNodeWebGPU: () => Promise<{ available: boolean; reason?: string }>;
      };
      const setup = await mod.setupNodeWebGPU();
      if (!setup.available) throw new Error(setup.reason ?? 'no WebGPU adapter');
      return 'webgpu';
    },
  },
  {
    label: 'node-gpu',
    load: async () => {
      const mod = (await importOptional('@gnnjs/backend-node-gpu')) as {
        loadNodeBackend: (variant: string) => Promise<{ tfjsBackendName: string }>;
      };
      return (await mod.loadNodeBackend('node-gpu')).tfjsBackendName;
    },
  },
];

/** Loads every known backend it can, in a fixed order, and says why the others are off. */
export async function probeBackends(only?: readonly string[]): Promise<BackendProbe[]> {
  const probes: BackendProbe[] = [];
  for (const spec of SPECS) {
    if (only !== undefined && !only.includes(spec.label)) continue;
    try {
      const name = await spec.load();
      if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed to initialise`);
      probes.push({ name, available: true });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      probes.push({ name: spec.label, available: false, reason });
    }
  }
  return probes;
}
