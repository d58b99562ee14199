/**
 * Registers the GNN kernels, and the `UnsortedSegmentSum` that tfjs lacks,
 * for the `'wasm'` backend.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { gatherRowsConfig } from './kernels/GatherRows.js';
import { sddmmConfig } from './kernels/SDDMM.js';
import { segmentMaxConfig } from './kernels/SegmentMax.js';
import { segmentMeanConfig } from './kernels/SegmentMean.js';
import { segmentMinConfig } from './kernels/SegmentMin.js';
import { segmentSoftmaxConfig } from './kernels/SegmentSoftmax.js';
import { segmentSumConfig } from './kernels/SegmentSum.js';
import { spmmConfig } from './kernels/SpMM.js';
import { unsortedSegmentSumConfig } from './kernels/UnsortedSegmentSum.js';

/** Every kernel config this package registers. */
export const kernelConfigs: readonly KernelConfig[] = [
  gatherRowsConfig,
  segmentSumConfig,
  segmentMeanConfig,
  segmentMaxConfig,
  segmentMinConfig,
  segmentSoftmaxConfig,
  spmmConfig,
  sddmmConfig,
  unsortedSegmentSumConfig,
];

for (const config of kernelConfigs) {
  // Replacing a composite default that @gnnjs/core registered before this
  // package loaded, without tfjs's "already registered" warning.
  if (getKernel(config.kernelName, config.backendName) !== undefined) {
    unregisterKernel(config.kernelName, config.backendName);
  }
  registerKernel(config);
}
