/**
 * Registers the GNN kernels, and the O(E·D) `UnsortedSegmentSum` that
 * replaces tfjs's own, for the `'cpu'` backend.
 */
import { Add, BatchMatMul, Elu, Multiply, RealDiv, Reverse, Sub, Sum, Transpose, getKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { registerKernelConfigs } from '@gnnjs/core';
import { makeBatchMatMulConfig } from './kernels/BatchMatMul.js';
import { fastBinary, fastElu, fastReverse, fastSum, fastTranspose } from './kernels/fast_cpu_kernels.js';
import { withFallback } from './kernels_impl/index.js';
import { additiveAttentionConfigs } from './kernels/AdditiveAttention.js';
import { dropoutConfig } from './kernels/Dropout.js';
import { gatherRowsConfig } from './kernels/GatherRows.js';
import { sddmmConfig } from './kernels/SDDMM.js';
import { segmentMaxConfig } from './kernels/SegmentMax.js';
import { segmentMeanConfig } from './kernels/SegmentMean.js';
import { segmentMinConfig } from './kernels/SegmentMin.js';
import { segmentSoftmaxConfig, segmentSoftmaxGradConfig } from './kernels/SegmentSoftmax.js';
import { segmentSumConfig } from './kernels/SegmentSum.js';
import { spmmConfig } from './kernels/SpMM.js';
import { unsortedSegmentSumConfig } from './kernels/UnsortedSegmentSum.js';

/**
 * tfjs's own kernels that ours replace and fall back to, captured before they
 * are replaced (a second evaluation of this module wraps our wrapper, which
 * still ends there). Tests compare against them.
 */
export const stockKernels = new Map<string, KernelConfig>();

const fastPathConfigs: readonly KernelConfig[] = [
  makeBatchMatMulConfig(stockKernel(BatchMatMul)),
  withFallback(stockKernel(Multiply), fastBinary('mul')),
  withFallback(stockKernel(Add), fastBinary('add')),
  withFallback(stockKernel(Sub), fastBinary('sub')),
  withFallback(stockKernel(RealDiv), fastBinary('div')),
  withFallback(stockKernel(Sum), fastSum),
  withFallback(stockKernel(Transpose), fastTranspose),
  withFallback(stockKernel(Reverse), fastReverse),
  withFallback(stockKernel(Elu), fastElu),
];

/** Every kernel config this package registers. */
export const kernelConfigs: readonly KernelConfig[] = [
  gatherRowsConfig,
  segmentSumConfig,
  segmentMeanConfig,
  segmentMaxConfig,
  segmentMinConfig,
  segmentSoftmaxConfig,
  segmentSoftmaxGradConfig,
  spmmConfig,
  sddmmConfig,
  ...additiveAttentionConfigs,
  dropoutConfig,
  unsortedSegmentSumConfig,
  ...fastPathConfigs,
];

// Replaces tfjs's own kernels of these names and any composite default that
// @gnnjs/core registered before this package loaded.
registerKernelConfigs(kernelConfigs);

function stockKernel(name: string): KernelConfig {
  const config = getKernel(name, 'cpu');
  if (config === undefined) throw new Error(`tfjs's 'cpu' backend has no ${name} kernel to extend`);
  stockKernels.set(name, config);
  return config;
}
