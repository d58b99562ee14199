import { SegmentMean } from '@gnnjs/core';
import { segmentMeanImpl } from '../kernels_impl/index.js';
import { segmentReduceConfig } from './segment_reduce.js';

export const segmentMeanConfig = segmentReduceConfig(SegmentMean, segmentMeanImpl);
