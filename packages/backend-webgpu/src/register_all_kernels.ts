/** Registers every WebGPU GNN kernel with tfjs-core, replacing core's composite defaults. */
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { registerBackendKernels } from '@gnnjs/core';
import { additiveAttentionConfig } from './kernels/AdditiveAttention.js';
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

/**
 * Every GNN kernel this package implements in WGSL (registered on import),
 * one per name in core's `GNN_KERNEL_NAMES` (registerBackendKernels fails
 * on a missing one).
 *
 * @example
 * ```ts
 * console.log(webgpuKernelConfigs.map((k) => k.kernelName)); // ['GnnGatherRows', 'GnnSegmentSum', ...]
 * ```
 */
export const webgpuKernelConfigs: readonly KernelConfig[] = [
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
  // The fused backward of segment attention (its gradient otherwise runs core's dense composite).
  segmentAttentionGradConfig,
];

// Ops run before this import may have registered core's composite default: replaced.
registerBackendKernels('webgpu', webgpuKernelConfigs);
