/**
 * Registers the native GNN kernels for tfjs-node's `tensorflow` backend.
 * Registration needs no binding: a kernel is only looked up once the backend
 * exists, so importing this package is safe on machines without TensorFlow.
 */
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { registerKernelConfigs } from '@gnnjs/core';
import { additiveAttentionConfig, additiveAttentionGradConfig } from './kernels/AdditiveAttention.js';
import { dropoutConfig } from './kernels/Dropout.js';
import { gatherRowsConfig } from './kernels/GatherRows.js';
import { sddmmConfig } from './kernels/SDDMM.js';
import { segmentMaxConfig } from './kernels/SegmentMax.js';
import { segmentMeanConfig } from './kernels/SegmentMean.js';
import { segmentMinConfig } from './kernels/SegmentMin.js';
import { segmentSoftmaxConfig } from './kernels/SegmentSoftmax.js';
import { segmentSumConfig } from './kernels/SegmentSum.js';
import { spmmConfig } from './kernels/SpMM.js';

/** Every GNN kernel of this package, one per name in `GNN_KERNEL_NAMES`, and the additive attention backward. */
export const kernelConfigs: readonly KernelConfig[] = [
  gatherRowsConfig,
  segmentSumConfig,
  segmentMeanConfig,
  segmentMaxConfig,
  segmentMinConfig,
  segmentSoftmaxConfig,
  spmmConfig,
  sddmmConfig,
  additiveAttentionConfig,
  additiveAttentionGradConfig,
  dropoutConfig,
];

registerKernelConfigs(kernelConfigs);
