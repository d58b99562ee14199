import { SegmentMin } from '@gnnjs/core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { segmentReduceKernel } from './segment_reduce.js';

export const segmentMinConfig: KernelConfig = {
  kernelName: SegmentMin,
  backendName: 'webgpu',
  kernelFunc: segmentReduceKernel('min'),
};
