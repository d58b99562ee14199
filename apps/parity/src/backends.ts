/**
 * The tfjs backends `pnpm parity` can run on, each loaded on demand. A backend
 * whose package or hardware is missing is skipped with the reason.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Debian's chromium ships SwiftShader's Vulkan ICD here: Dawn's software GPU where no other driver is set. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** `setupNodeWebGPU` options for this machine: the Vulkan ICD the environment names, else SwiftShader if installed. */
export function nodeWebGPUOptions(env: NodeJS.ProcessEnv = process.env, hasFile = existsSync): { vulkanIcd?: string } {
  if (env['VK_ICD_FILENAMES'] !== undefined) return {};
  return hasFile(SWIFTSHADER_ICD) ? { vulkanIcd: SWIFTSHADER_ICD } : {};
}

async function loadWebGPU(): Promise<string> {
  // Vulkan's window-system probing complains on stderr when this is unset (headless machines, CI).
  process.env['XDG_RUNTIME_DIR'] ??= mkdtempSync(join(tmpdir(), 'gnnjs-xdg-'));
  const mod = (await importOptional('@gnnjs/backend-webgpu/node')) as {
    setupNodeWebGPU: (options: { vulkanIcd?: string }) => Promise<{ available: boolean; reason?: string }>;
  };
  const setup = await mod.setupNodeWebGPU(nodeWebGPUOptions());
  if (!setup.available) throw new Error(setup.reason ?? 'no WebGPU adapter');
  return 'webgpu';
}

const SPECS: readonly BackendSpec[] = [
  { label: 'cpu', load: async () => (await import('@gnnjs/backend-cpu'), 'cpu') },
  { label: 'wasm', load: async () => (await import('@gnnjs/backend-wasm'), 'wasm') },
  { label: 'webgpu', load: loadWebGPU },
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
