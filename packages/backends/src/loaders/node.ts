/**
 * How each backend loads in Node.js: webgpu through Dawn (`setupNodeWebGPU`
 * of `@gnnjs/backend-webgpu/node`), node-gpu and node through TensorFlow's
 * binding (`loadNodeBackend` of `@gnnjs/backend-node-gpu`, which diagnoses a
 * broken install), wasm and cpu by importing their packages.
 */
import { BackendUnavailableError } from '@gnnjs/core';
import type { BackendLoader } from '../backend_row.js';
import { importBackendPackage } from '../import_package.js';
import { cpuLoader, wasmLoader } from './cpu_wasm.js';
import { factsOf } from './facts_of.js';
import type { NodeBackendName } from './names.js';

const loadWebGPU: BackendLoader = async (options) => {
  const webgpu = factsOf('webgpu');
  const { setupNodeWebGPU } = await importBackendPackage(webgpu, 'node', () => import('@gnnjs/backend-webgpu/node'));
  const setup = await setupNodeWebGPU(options.webgpu ?? {});
  // The reason names the missing piece (Dawn's package, a driver) and its fix.
  if (!setup.available) throw new BackendUnavailableError('webgpu', setup.reason, `It needs ${webgpu.requires}.`);
  const adapter = setup.adapter.description || setup.adapter.vendor || 'WebGPU adapter';
  return { detail: `WebGPU through Dawn: ${adapter}${setup.software ? ' (software)' : ''}` };
};

/** `loadNodeBackend` throws a `BackendUnavailableError` with the diagnosed cause (missing binding, CUDA, no GPU) and its fix. */
function nativeLoader(variant: 'node' | 'node-gpu'): BackendLoader {
  return async () => {
    const { loadNodeBackend } = await importBackendPackage(factsOf(variant), 'node', () => import('@gnnjs/backend-node-gpu'));
    const info = await loadNodeBackend(variant);
    return { detail: `TensorFlow ${info.usingGpu ? 'on a CUDA GPU' : 'on the CPU'} (${info.packageName})` };
  };
}

/** Every backend Node.js can run, by name: the compiler checks that none is missing. */
export const NODE_LOADERS: Readonly<Record<NodeBackendName, BackendLoader>> = {
  webgpu: loadWebGPU,
  'node-gpu': nativeLoader('node-gpu'),
  node: nativeLoader('node'),
  wasm: wasmLoader('node'),
  cpu: cpuLoader('node'),
};
