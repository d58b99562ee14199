/**
 * @gnnjs/backend-cpu: tfjs's pure-JavaScript CPU backend plus O(E·D) kernels
 * for the GNN ops of `@gnnjs/core` and an O(E·D) `UnsortedSegmentSum`.
 * Importing this module registers everything.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@gnnjs/backend-cpu';
 * await tf.setBackend('cpu');
 * ```
 */
export * from './base.js';
export { kernelConfigs } from './register_all_kernels.js';
