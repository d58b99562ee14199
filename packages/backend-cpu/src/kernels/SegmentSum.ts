import { SegmentSum } from '@gnnjs/core';
import { segmentSumImpl } from '../kernels_impl/index.js';
import { segmentReduceConfig } from './segment_reduce.js';

export const segmentSumConfig = segmentReduceConfig(SegmentSum, segmentSumImpl);
