import type { GradConfig } from '@tensorflow/tfjs-core';
import { SegmentMax } from '../kernels/kernel_names.js';
import { segmentExtremumGradConfig } from './segment_extremum_grad.js';

/** Routes `dy` to each segment's maxima; ties share it evenly (PyG 2.6 on CPU). */
export const segmentMaxGradConfig: GradConfig = segmentExtremumGradConfig(SegmentMax);
