import type { GradConfig } from '@tensorflow/tfjs-core';
import { SegmentMin } from '../kernels/kernel_names.js';
import { segmentExtremumGradConfig } from './segment_extremum_grad.js';

/** Routes `dy` to each segment's minima; ties share it evenly (PyG 2.6 on CPU). */
export const segmentMinGradConfig: GradConfig = segmentExtremumGradConfig(SegmentMin);
