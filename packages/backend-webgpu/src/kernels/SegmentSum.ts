import { SegmentSum } from '@gnnjs/core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { segmentReduceKernel } from './segment_reduce.js';

export const segmentSumConfig: KernelConfig = {
  kernelName: SegmentSum,
  backendName: 'webgpu',
  kernelFunc: segmentReduceKernel('sum'),
};
