/**
 * @gnnjs/core: graph data, message passing and GNN kernels for TensorFlow.js.
 *
 * Importing this module registers the gradients of the GNN kernels (and of
 * tfjs-core's own ops, see `tfjs_gradients/`) with the shared tfjs engine,
 * and tfjs-core's chained tensor methods (`x.mul(w)`, see `tfjs_chained_ops/`).
 */
import './gradients/register_all_gradients.js';
import './kernels/composite/register_composites.js';
import './tfjs_chained_ops/register_tfjs_chained_ops.js';
import './tfjs_gradients/register_tfjs_gradients.js';

export * from './errors.js';
export * as kernelNames from './kernels/kernel_names.js';
export * from './kernels/kernel_names.js';
export * from './kernels/dropout_matmul_kernel.js';
export { hasBackendKernel, isCompositeKernel } from './kernels/composite_kernels.js';
export { missingGnnKernels, registerBackendKernels, registerKernelConfigs } from './kernels/register_kernel_configs.js';
export * from './ops/index.js';
export * from './optim/index.js';
export { manualSeed, clearSeed, nextSeed, nextUniform, mulberry32 } from './random.js';
export { dropoutKey, dropoutMask, dropoutScale, dropoutThreshold, hash32, keepsEntry } from './kernels/dropout_mask.js';
export * from './nn/index.js';
export * from './utils/index.js';
export * from './linalg/index.js';
export * from './graph/index.js';
export * from './graph/store/index.js';
export * from './pool/index.js';
export * from './backend/index.js';
