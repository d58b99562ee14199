/**
 * Tells core's backend selection about this backend: `setBackend('webgpu')`
 * needs an adapter, and `setBackend('auto')` does not prefer a software
 * adapter (SwiftShader, llvmpipe), which is slower than the CPU backends;
 * core takes such a backend only when nothing else initialises.
 */
import { registerBackendAlias } from '@gnnjs/core';
import { describeWebGPUAdapter, isSoftwareAdapter, type WebGPUAdapterSummary } from './adapter_info.js';

let found: WebGPUAdapterSummary | undefined;
/** Why the last `setupNodeWebGPU()` did not register the backend; `undefined` once it did. */
let setupFailure: string | undefined;

/** Why WebGPU in a browser is missing (also `setupNodeWebGPU`'s answer there). */
export const NO_BROWSER_WEBGPU =
  'this browser offers no WebGPU (navigator.gpu is missing; it needs a secure context and a browser with WebGPU enabled)';

/**
 * Why the tfjs backend is not registered although this package is imported,
 * for core's `setBackend` errors: the setup's own reason (Dawn found no
 * adapter, no Vulkan driver), a setup not done yet in Node, or no WebGPU in
 * this browser.
 */
function notRegisteredReason(): string | undefined {
  if (setupFailure !== undefined) return setupFailure;
  if ((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu !== undefined) return undefined;
  const inNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  return inNode
    ? "WebGPU is not set up in this Node process: call setupNodeWebGPU() from '@gnnjs/backend-webgpu/node' (or useBackend('webgpu') from @gnnjs/backends) first"
    : NO_BROWSER_WEBGPU;
}

/** Records the outcome of `setupNodeWebGPU()` (`undefined`: it registered the backend) for core's errors. */
export function recordWebGPUSetup(failure: string | undefined): void {
  setupFailure = failure;
  registerBackendAlias('webgpu', 'webgpu', { packageName: '@gnnjs/backend-webgpu', notRegisteredReason });
}

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
    notRegisteredReason,
  });
}
