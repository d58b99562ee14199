import { tidy, type KernelConfig } from '@tensorflow/tfjs-core';
import { SegmentMean, type SegmentMeanAttrs, type SegmentMeanInputs } from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { padTrailingAxes, segmentCounts } from './segment_helpers.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { Supplied } from './supplied.js';

/** Segment sum divided by `max(count, 1)`, so empty segments stay 0. */
export const segmentMeanConfig: KernelConfig = {
  kernelName: SegmentMean,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { data, segmentIds } = inputs as Supplied<SegmentMeanInputs>;
    const { numSegments } = attrs as unknown as SegmentMeanAttrs;
    return tidy(() => {
      const ops = tfOpsOf(backend, SegmentMean);
      const sums = ops.unsortedSegment('UnsortedSegmentSum', data, segmentIds, numSegments);
      const divisor = ops.binary('Maximum', segmentCounts(ops, segmentIds, numSegments), ops.floatScalar(1));
      return ops.binary('RealDiv', sums, padTrailingAxes(ops, divisor, data.shape.length));
    });
  },
};
