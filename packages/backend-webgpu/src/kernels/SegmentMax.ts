import { SegmentMax } from '@gnnjs/core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { segmentReduceKernel } from './segment_reduce.js';

export const segmentMaxConfig: KernelConfig = {
  kernelName: SegmentMax,
  backendName: 'webgpu',
  kernelFunc: segmentReduceKernel('max'),
};
