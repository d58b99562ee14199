import { SegmentSum } from '@gnnjs/core';
import { segmentSumImpl } from '@gnnjs/backend-cpu/kernels-impl';
import { segmentReduceConfig } from './segment_reduce.js';

export const segmentSumConfig = segmentReduceConfig(SegmentSum, segmentSumImpl, 'sum');
