/**
 * One probe per backend: import its @gnnjs package by name (dynamically, so
 * a missing optional package is a finding, not a crash) and start it.
 */
import { setBackend } from '@tensorflow/tfjs-core';
import { loadNodeBackend } from '../load_node_backend.js';
import { NodeBackendUnavailableError } from '../node_backend_error.js';
import type { NodeVariant } from '../variants.js';
import type { BackendReport, DoctorBackend } from './backend_report.js';

/** Imports a module by specifier; the caller's `(s) => import(s)` resolves from the caller's folder. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

type Outcome = Omit<BackendReport, 'backend' | 'packageName'>;

export interface BackendProbe {
  readonly backend: DoctorBackend;
  readonly packageName: string;
  run(importModule: ModuleImporter): Promise<Outcome>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n', 1)[0]! : String(error);
}

async function startTfjsBackend(tfjsName: string, what: string): Promise<Outcome> {
  if (await setBackend(tfjsName)) return { available: true, detail: what };
  return { available: false, detail: `tfjs backend '${tfjsName}' was registered but failed to initialise (tfjs logged why)` };
}

/** A pure-tfjs backend package: importing it registers the tfjs backend `tfjsName`. */
function packageProbe(backend: DoctorBackend, packageName: string, tfjsName: string, what: string): BackendProbe {
  return {
    backend,
    packageName,
    async run(importModule) {
      try {
        await importModule(packageName);
      } catch (error) {
        return { available: false, detail: `cannot import ${packageName}: ${message(error)}`, fix: `pnpm add ${packageName}` };
      }
      return startTfjsBackend(tfjsName, what);
    },
  };
}

interface NodeWebGPUModule {
  setupNodeWebGPU(): Promise<{ available: true; adapter: { description?: string }; software: boolean } | { available: false; reason: string }>;
}

const webgpuProbe: BackendProbe = {
  backend: 'webgpu',
  packageName: '@gnnjs/backend-webgpu',
  async run(importModule) {
    let setup: NodeWebGPUModule['setupNodeWebGPU'];
    try {
      setup = ((await importModule('@gnnjs/backend-webgpu/node')) as NodeWebGPUModule).setupNodeWebGPU;
    } catch (error) {
      return { available: false, detail: `cannot import @gnnjs/backend-webgpu/node: ${message(error)}`, fix: 'pnpm add @gnnjs/backend-webgpu webgpu' };
    }
    const found = await setup();
    if (!found.available) return { available: false, detail: found.reason };
    const adapter = `${found.adapter.description ?? 'WebGPU adapter'}${found.software ? ' (software)' : ''}`;
    return startTfjsBackend('webgpu', `WebGPU through Dawn: ${adapter}`);
  },
};

function nodeProbe(variant: NodeVariant): BackendProbe {
  return {
    backend: variant,
    packageName: '@gnnjs/backend-node-gpu',
    async run() {
      try {
        const info = await loadNodeBackend(variant);
        return startTfjsBackend(info.tfjsBackendName, `TensorFlow ${info.usingGpu ? 'on a CUDA GPU' : 'on the CPU'} (${info.packageName})`);
      } catch (error) {
        if (error instanceof NodeBackendUnavailableError) {
          return { available: false, detail: error.reason, fix: error.hint, cause: error.diagnosis.cause };
        }
        return { available: false, detail: message(error) };
      }
    },
  };
}

/**
 * The probes {@link diagnoseBackends} runs, in the order it runs them:
 * `node-gpu` before `node`, so that the GPU package gets the process's one
 * TensorFlow binding when it can load, as on import of this package.
 */
export const BACKEND_PROBES: readonly BackendProbe[] = [
  packageProbe('cpu', '@gnnjs/backend-cpu', 'cpu', 'JavaScript on the CPU (tfjs-backend-cpu)'),
  packageProbe('wasm', '@gnnjs/backend-wasm', 'wasm', 'WebAssembly on the CPU (tfjs-backend-wasm)'),
  webgpuProbe,
  nodeProbe('node-gpu'),
  nodeProbe('node'),
];
