/**
 * @gnnjs/backend-webgpu: tfjs-backend-webgpu plus deterministic WGSL kernels
 * for GNN.js (gather, segment reductions, fused edge softmax, SpMM, SDDMM).
 *
 * In browsers, import this module. In Node, call `setupNodeWebGPU()` from
 * `@gnnjs/backend-webgpu/node` instead: it installs Dawn's WebGPU first, which
 * must happen before tfjs-backend-webgpu is loaded.
 */
export { WEBGPU_BACKEND_NAME, ensureWebGPUBackendRegistered } from './base.js';
export { webgpuKernelConfigs } from './register_all_kernels.js';
export {
  describeWebGPUAdapter,
  isSoftwareAdapter,
  summarizeAdapter,
  type WebGPUAdapterSummary,
} from './adapter_info.js';
