/**
 * Registers the GNN kernels, and the O(E·D) `UnsortedSegmentSum` that
 * replaces tfjs's own, for the `'cpu'` backend.
 */
import { Add, BatchMatMul, Elu, Multiply, RealDiv, Reverse, Sub, Sum, Transpose, type KernelConfig } from '@tensorflow/tfjs-core';
import { registerBackendKernels } from '@gnnjs/core';
import { makeBatchMatMulConfig } from './kernels/BatchMatMul.js';
import { cpuMemory } from './kernels/cpu_values.js';
import { fastBinary, fastElu, fastReverse, fastSum, fastTranspose } from './kernels/fast_cpu_kernels.js';
import { makeUnsortedSegmentSumConfig, stockKernelsOf, withFallback } from './kernels_impl/index.js';
import { additiveAttentionConfig, additiveAttentionGradConfig } from './kernels/AdditiveAttention.js';
import { attentionProjectionConfig, attentionProjectionGradConfig } from './kernels/AttentionProjection.js';
import { adamStepConfig } from './kernels/AdamStep.js';
import { dropoutConfig } from './kernels/Dropout.js';
import { dropoutMatMulConfig, dropoutMatMulGradConfig } from './kernels/DropoutMatMul.js';
import { gatherRowsConfig } from './kernels/GatherRows.js';
import { sddmmConfig } from './kernels/SDDMM.js';
import { segmentAttentionConfig, segmentAttentionGradConfig } from './kernels/SegmentAttention.js';
import { segmentMaxConfig } from './kernels/SegmentMax.js';
import { segmentMeanConfig } from './kernels/SegmentMean.js';
import { segmentMinConfig } from './kernels/SegmentMin.js';
import { segmentSoftmaxConfig, segmentSoftmaxGradConfig } from './kernels/SegmentSoftmax.js';
import { segmentSumConfig } from './kernels/SegmentSum.js';
import { spmmConfig } from './kernels/SpMM.js';

const stock = stockKernelsOf('cpu');

/** tfjs's own kernels that ours replace and fall back to, by name. Tests compare against them. */
export const stockKernels = stock.taken;

/** Every kernel config this package registers. */
export const kernelConfigs: readonly KernelConfig[] = [
  // The GNN kernels of @gnnjs/core (registerBackendKernels fails on a missing one).
  gatherRowsConfig,
  segmentSumConfig,
  segmentMeanConfig,
  segmentMaxConfig,
  segmentMinConfig,
  segmentSoftmaxConfig,
  spmmConfig,
  sddmmConfig,
  additiveAttentionConfig,
  dropoutConfig,
  segmentAttentionConfig,
  // Optional fused kernels (core's composites run where a backend has none).
  attentionProjectionConfig,
  adamStepConfig,
  dropoutMatMulConfig,
  // Fused backward passes (their gradients otherwise compose other kernels).
  segmentSoftmaxGradConfig,
  additiveAttentionGradConfig,
  segmentAttentionGradConfig,
  attentionProjectionGradConfig,
  dropoutMatMulGradConfig,
  // tfjs's own kernels, replaced or extended on the paths GNN training takes.
  makeUnsortedSegmentSumConfig(cpuMemory),
  makeBatchMatMulConfig(stock.take(BatchMatMul)),
  withFallback(stock.take(Multiply), fastBinary('mul')),
  withFallback(stock.take(Add), fastBinary('add')),
  withFallback(stock.take(Sub), fastBinary('sub')),
  withFallback(stock.take(RealDiv), fastBinary('div')),
  withFallback(stock.take(Sum), fastSum),
  withFallback(stock.take(Transpose), fastTranspose),
  withFallback(stock.take(Reverse), fastReverse),
  withFallback(stock.take(Elu), fastElu),
];

// Replaces tfjs's own kernels of these names and any composite default that
// @gnnjs/core registered before this package loaded.
registerBackendKernels('cpu', kernelConfigs);
