/**
 * Tells core's backend selection about this backend: `setBackend('webgpu')`
 * needs an adapter, and `setBackend('auto')` does not prefer a software
 * adapter (SwiftShader, llvmpipe), which is slower than the CPU backends;
 * core takes such a backend only when nothing else initialises.
 */
import { registerBackendAlias } from '@gnnjs/core';
import { describeWebGPUAdapter, isSoftwareAdapter, type WebGPUAdapterSummary } from './adapter_info.js';

let found: WebGPUAdapterSummary | undefined;

/** The adapter, looked up until one is found (WebGPU may be installed later, as in Node). */
async function adapter(): Promise<WebGPUAdapterSummary | undefined> {
  found ??= await describeWebGPUAdapter();
  return found;
}

export function registerWebGPUAlias(tfjsName: string): void {
  registerBackendAlias('webgpu', tfjsName, {
    packageName: '@gnnjs/backend-webgpu',
    isAvailable: async () => (await adapter()) !== undefined,
    isPreferred: async () => {
      const info = await adapter();
      return info !== undefined && !isSoftwareAdapter(info);
    },
  });
}
