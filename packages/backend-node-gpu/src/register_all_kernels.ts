/**
 * Registers the native GNN kernels for tfjs-node's `tensorflow` backend.
 * Registration needs no binding: a kernel is only looked up once the backend
 * exists, so importing this package is safe on machines without TensorFlow.
 */
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { registerBackendKernels } from '@gnnjs/core';
import { additiveAttentionConfig, additiveAttentionGradConfig } from './kernels/AdditiveAttention.js';
import { dropoutConfig } from './kernels/Dropout.js';
import { gatherRowsConfig } from './kernels/GatherRows.js';
import { sddmmConfig } from './kernels/SDDMM.js';
import { segmentAttentionConfig, segmentAttentionGradConfig } from './kernels/SegmentAttention.js';
import { segmentMaxConfig } from './kernels/SegmentMax.js';
import { segmentMeanConfig } from './kernels/SegmentMean.js';
import { segmentMinConfig } from './kernels/SegmentMin.js';
import { segmentSoftmaxConfig } from './kernels/SegmentSoftmax.js';
import { segmentSumConfig } from './kernels/SegmentSum.js';
import { spmmConfig } from './kernels/SpMM.js';
import { TENSORFLOW_BACKEND } from './variants.js';

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
  // Fused backward passes (their gradients otherwise compose other kernels).
  additiveAttentionGradConfig,
  segmentAttentionGradConfig,
];

registerBackendKernels(TENSORFLOW_BACKEND, kernelConfigs);
