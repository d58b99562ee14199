/**
 * Registers the GNN kernels, and the `UnsortedSegmentSum` that tfjs lacks,
 * for the `'wasm'` backend.
 */
import { BatchMatMul, Greater, Reverse, type KernelConfig } from '@tensorflow/tfjs-core';
import { registerBackendKernels } from '@gnnjs/core';
import { makeUnsortedSegmentSumConfig, stockKernelsOf, withFallback } from '@gnnjs/backend-cpu/kernels-impl';
import { makeBatchMatMulConfig } from './kernels/BatchMatMul.js';
import { fastGreaterScalar, fastReverse } from './kernels/fast_wasm_kernels.js';
import { heapMemory } from './kernels/heap_values.js';
import { identityConfig } from './kernels/Identity.js';
import { additiveAttentionConfig, additiveAttentionGradConfig } from './kernels/AdditiveAttention.js';
import {
  gatAttentionConfig,
  gatAttentionGradConfig,
  softmaxAggregateConfig,
  softmaxAggregateGradConfig,
} from './kernels/AttentionAggregate.js';
import { attentionProjectionConfig, attentionProjectionGradConfig } from './kernels/AttentionProjection.js';
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

const stock = stockKernelsOf('wasm');

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
  softmaxAggregateConfig,
  gatAttentionConfig,
  dropoutMatMulConfig,
  // Fused backward passes (their gradients otherwise compose other kernels).
  segmentSoftmaxGradConfig,
  additiveAttentionGradConfig,
  segmentAttentionGradConfig,
  attentionProjectionGradConfig,
  softmaxAggregateGradConfig,
  gatAttentionGradConfig,
  dropoutMatMulGradConfig,
  // tfjs's own kernels, added, replaced or extended on the paths GNN training takes.
  makeUnsortedSegmentSumConfig(heapMemory),
  makeBatchMatMulConfig(stock.take(BatchMatMul)),
  withFallback(stock.take(Reverse), fastReverse),
  withFallback(stock.take(Greater), fastGreaterScalar),
  identityConfig,
];

// Replaces tfjs's own kernels of these names and any composite default that
// @gnnjs/core registered before this package loaded.
registerBackendKernels('wasm', kernelConfigs);
