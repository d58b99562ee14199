import { SegmentMax } from '@gnnjs/core';
import { segmentMaxImpl } from '../kernels_impl/index.js';
import { segmentReduceConfig } from './segment_reduce.js';

export const segmentMaxConfig = segmentReduceConfig(SegmentMax, segmentMaxImpl);
