/**
 * @gnnjs/backend-wasm: tfjs's WebAssembly backend plus O(E·D) kernels for the
 * GNN ops of `@gnnjs/core` and the `UnsortedSegmentSum` tfjs-backend-wasm
 * lacks (so the gradient of `tf.gather` works). Importing this module
 * registers everything.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@gnnjs/backend-wasm';
 * await tf.setBackend('wasm');
 * ```
 */
export * from './base.js';
export { kernelConfigs } from './register_all_kernels.js';
