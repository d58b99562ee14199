import { SegmentMin } from '@gnnjs/core';
import { segmentMinImpl } from '@gnnjs/backend-cpu/kernels-impl';
import { segmentReduceConfig } from './segment_reduce.js';

export const segmentMinConfig = segmentReduceConfig(SegmentMin, segmentMinImpl);
