import { tidy, type KernelConfig } from '@tensorflow/tfjs-core';
import { SegmentMax, type SegmentMaxAttrs, type SegmentMaxInputs } from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { segmentExtreme } from './segment_helpers.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { Supplied } from './supplied.js';

/** `UnsortedSegmentMax`, with TensorFlow's fill value of empty segments replaced by 0. */
export const segmentMaxConfig: KernelConfig = {
  kernelName: SegmentMax,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { data, segmentIds } = inputs as Supplied<SegmentMaxInputs>;
    const { numSegments } = attrs as unknown as SegmentMaxAttrs;
    return tidy(() => segmentExtreme(tfOpsOf(backend, SegmentMax), 'UnsortedSegmentMax', data, segmentIds, numSegments));
  },
};
