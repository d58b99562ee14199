/**
 * The backend itself is tfjs-backend-webgpu's: importing it registers
 * `'webgpu'` with tfjs-core when `navigator.gpu` exists (browsers, or Node
 * after `setupNodeWebGPU()` from `@gnnjs/backend-webgpu/node`). This package
 * adds the GNN kernels on top.
 */
import '@tensorflow/tfjs-backend-webgpu';
import './register_all_kernels.js';

/** Name under which the backend is registered with tfjs-core. */
export const WEBGPU_BACKEND_NAME = 'webgpu';
