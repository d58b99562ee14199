/**
 * The backend itself is tfjs-backend-webgpu's `WebGPUBackend`; this package
 * adds the GNN kernels on top.
 *
 * tfjs-backend-webgpu registers `'webgpu'` only if `navigator.gpu` exists
 * when it is first evaluated. In Node that module may have been loaded (by a
 * static import) before Dawn was installed, so the registration is repeated
 * here, with the same factory, whenever it is missing and WebGPU now exists.
 */
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { env, findBackendFactory, registerBackend } from '@tensorflow/tfjs-core';
import { registerWebGPUAlias } from './backend_alias.js';
import { trackEdgeIndexRows } from './csr/index_provenance.js';
import './register_all_kernels.js';

/** Name under which the backend is registered with tfjs-core. */
export const WEBGPU_BACKEND_NAME = 'webgpu';

/** tfjs-backend-webgpu's own priority: above cpu (1), below a native GPU backend. */
const PRIORITY = 3;

async function createWebGPUBackend(): Promise<WebGPUBackend> {
  const adapter = await navigator.gpu.requestAdapter({
    powerPreference: env().get('WEBGPU_USE_LOW_POWER_GPU') ? 'low-power' : 'high-performance',
  });
  if (adapter === null) throw new Error('WebGPU is present but offers no adapter');
  const requiredFeatures: GPUFeatureName[] = [];
  if (adapter.features.has('timestamp-query')) requiredFeatures.push('timestamp-query');
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures,
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  // `info` is newer than the WebGPU typings tfjs 4.22 was built with.
  const info = (adapter as { info?: GPUAdapterInfo }).info;
  return info === undefined ? new WebGPUBackend(device) : new WebGPUBackend(device, info);
}

/**
 * Registers `'webgpu'` if WebGPU exists and tfjs-backend-webgpu did not
 * register it at load time; true when the backend is registered now.
 * `setupNodeWebGPU()` calls it; call it yourself after installing a WebGPU
 * implementation some other way.
 *
 * @example
 * ```ts
 * Object.assign(globalThis, myWebGPU.globals); // then:
 * if (ensureWebGPUBackendRegistered()) await tf.setBackend('webgpu');
 * ```
 */
export function ensureWebGPUBackendRegistered(): boolean {
  if (findBackendFactory(WEBGPU_BACKEND_NAME) !== null) return true;
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav?.gpu === undefined) return false;
  registerBackend(WEBGPU_BACKEND_NAME, createWebGPUBackend, PRIORITY);
  return true;
}

ensureWebGPUBackendRegistered();
registerWebGPUAlias(WEBGPU_BACKEND_NAME);
trackEdgeIndexRows(WEBGPU_BACKEND_NAME);
