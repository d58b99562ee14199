import { tidy, type KernelConfig } from '@tensorflow/tfjs-core';
import { SegmentSum, type SegmentSumAttrs, type SegmentSumInputs } from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { Supplied } from './supplied.js';

/** One `UnsortedSegmentSum` (empty segments are 0 natively). */
export const segmentSumConfig: KernelConfig = {
  kernelName: SegmentSum,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { data, segmentIds } = inputs as Supplied<SegmentSumInputs>;
    const { numSegments } = attrs as unknown as SegmentSumAttrs;
    return tidy(() => tfOpsOf(backend, SegmentSum).unsortedSegment('UnsortedSegmentSum', data, segmentIds, numSegments));
  },
};
