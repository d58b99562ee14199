import { SegmentMean } from '@gnnjs/core';
import { segmentMeanImpl } from '@gnnjs/backend-cpu/kernels-impl';
import { segmentReduceConfig } from './segment_reduce.js';

export const segmentMeanConfig = segmentReduceConfig(SegmentMean, segmentMeanImpl, 'mean');
