import { SegmentMean } from '@gnnjs/core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { segmentReduceKernel } from './segment_reduce.js';

export const segmentMeanConfig: KernelConfig = {
  kernelName: SegmentMean,
  backendName: 'webgpu',
  kernelFunc: segmentReduceKernel('mean'),
};
