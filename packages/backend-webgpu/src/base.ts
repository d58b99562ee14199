/**
 * The backend itself is tfjs-backend-webgpu's `WebGPUBackend`; this package
 * adds the GNN kernels on top.
 *
 * tfjs-backend-webgpu registers `'webgpu'` only if `navigator.gpu` exists
 * when it is first evaluated. In Node that module may have been loaded (by a
 * static import) before Dawn was installed, so the registration is repeated
 * here whenever it is missing and WebGPU now exists. The factory is this
 * package's own (tfjs's, plus one thing): the backend destroys the device it
 * created when it is disposed (`tf.removeBackend('webgpu')`), which tfjs's
 * does not, so the GPU memory is freed and Dawn stops polling for it.
 */
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { engine, env, findBackendFactory, registerBackend, removeBackend } from '@tensorflow/tfjs-core';
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
  const backend = info === undefined ? new WebGPUBackend(device) : new WebGPUBackend(device, info);
  const dispose = backend.dispose.bind(backend);
  backend.dispose = () => {
    dispose();
    device.destroy();
  };
  return backend;
}

/**
 * Registers `'webgpu'` with this package's factory if WebGPU exists (in place
 * of tfjs-backend-webgpu's own, unless that one is already in use); true when
 * the backend is registered now.
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
  const factory = findBackendFactory(WEBGPU_BACKEND_NAME);
  if (factory === createWebGPUBackend) return true;
  if (factory !== null && engine().registry[WEBGPU_BACKEND_NAME] !== undefined) return true;
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav?.gpu === undefined) return factory !== null;
  if (factory !== null) removeBackend(WEBGPU_BACKEND_NAME);
  registerBackend(WEBGPU_BACKEND_NAME, createWebGPUBackend, PRIORITY);
  return true;
}

ensureWebGPUBackendRegistered();
registerWebGPUAlias(WEBGPU_BACKEND_NAME);
trackEdgeIndexRows(WEBGPU_BACKEND_NAME);
