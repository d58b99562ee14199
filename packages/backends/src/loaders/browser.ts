/**
 * How each backend loads in a browser: webgpu through the browser's own
 * `navigator.gpu`, wasm and cpu by importing their packages. Nothing here
 * names a Node-only module, so a bundler that picks the `browser` condition
 * of `@gnnjs/backends` never sees Dawn or TensorFlow's binding.
 */
import { BackendUnavailableError } from '@gnnjs/core';
import type { BackendLoader } from '../backend_row.js';
import { importBackendPackage } from '../import_package.js';
import { cpuLoader, wasmLoader } from './cpu_wasm.js';
import { factsOf } from './facts_of.js';
import type { BrowserBackendName } from './names.js';

const webgpu = factsOf('webgpu');
const needs = `It needs ${webgpu.requires}.`;

const loadWebGPU: BackendLoader = async () => {
  if ((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu === undefined) {
    throw new BackendUnavailableError('webgpu', 'this browser has no navigator.gpu (WebGPU off or unsupported)', needs);
  }
  const { describeWebGPUAdapter, isSoftwareAdapter } = await importBackendPackage(webgpu, 'browser', () => import('@gnnjs/backend-webgpu'));
  const adapter = await describeWebGPUAdapter();
  if (adapter === undefined) {
    throw new BackendUnavailableError('webgpu', 'navigator.gpu.requestAdapter() gave no adapter (WebGPU switched off, or no usable GPU)', needs);
  }
  const name = adapter.description || adapter.vendor || 'unnamed';
  return { detail: `WebGPU adapter: ${name}${isSoftwareAdapter(adapter) ? ' (software)' : ''}` };
};

/** Every backend a browser can run, by name: the compiler checks that none is missing. */
export const BROWSER_LOADERS: Readonly<Record<BrowserBackendName, BackendLoader>> = {
  webgpu: loadWebGPU,
  wasm: wasmLoader('browser'),
  cpu: cpuLoader('browser'),
};
