import { SegmentMin } from '@gnnjs/core';
import { segmentMinImpl } from '../kernels_impl/index.js';
import { segmentReduceConfig } from './segment_reduce.js';

export const segmentMinConfig = segmentReduceConfig(SegmentMin, segmentMinImpl);
