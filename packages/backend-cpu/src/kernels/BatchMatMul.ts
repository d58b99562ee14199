import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { denseMatMulImpl, hostMatMul, makePlainMatMulConfig } from '../kernels_impl/index.js';
import { cpuMemory } from './cpu_values.js';

/**
 * Densities up to which the zero-skipping product beats tfjs-cpu's blocked
 * dense loop (about 5 ns per multiply-add here): skipping pays until about
 * half the entries are non-zero.
 */
const MAX_DENSITY = 0.3;

/**
 * tfjs's `BatchMatMul`, with one float32 matrix pair (no transposes, no
 * batch) computed over the non-zeros of a mostly-zero operand, or else by a
 * contiguous i-p-j loop about 5× faster than tfjs-cpu's; every other case
 * (batches, transposes, tiny products) runs tfjs's own kernel (`stockConfig`).
 */
export function makeBatchMatMulConfig(stockConfig: KernelConfig): KernelConfig {
  return makePlainMatMulConfig<MathBackendCPU>(stockConfig, (args, dims) => hostMatMul(cpuMemory, args, dims, MAX_DENSITY, denseMatMulImpl));
}
