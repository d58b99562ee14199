/**
 * Registers the GNN kernels, and the `UnsortedSegmentSum` that tfjs lacks,
 * for the `'wasm'` backend.
 */
import { BatchMatMul, Greater, Reverse, getKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { registerKernelConfigs } from '@gnnjs/core';
import { withFallback } from '@gnnjs/backend-cpu/kernels-impl';
import { makeBatchMatMulConfig } from './kernels/BatchMatMul.js';
import { fastGreaterScalar, fastReverse } from './kernels/fast_wasm_kernels.js';
import { identityConfig } from './kernels/Identity.js';
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
  withFallback(stockKernel(Reverse), fastReverse),
  withFallback(stockKernel(Greater), fastGreaterScalar),
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
  identityConfig,
];

// Replaces tfjs's own kernels of these names and any composite default that
// @gnnjs/core registered before this package loaded.
registerKernelConfigs(kernelConfigs);

function stockKernel(name: string): KernelConfig {
  const config = getKernel(name, 'wasm');
  if (config === undefined) throw new Error(`tfjs's 'wasm' backend has no ${name} kernel to extend`);
  stockKernels.set(name, config);
  return config;
}
