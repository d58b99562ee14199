import { SegmentMax } from '@gnnjs/core';
import { segmentMaxImpl } from '@gnnjs/backend-cpu/kernels-impl';
import { segmentReduceConfig } from './segment_reduce.js';

export const segmentMaxConfig = segmentReduceConfig(SegmentMax, segmentMaxImpl);
