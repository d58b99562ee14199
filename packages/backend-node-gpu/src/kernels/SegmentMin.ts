import { tidy, type KernelConfig } from '@tensorflow/tfjs-core';
import { SegmentMin, type SegmentMinAttrs, type SegmentMinInputs } from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { segmentExtreme } from './segment_helpers.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { Supplied } from './supplied.js';

/** `UnsortedSegmentMin`, with TensorFlow's fill value of empty segments replaced by 0. */
export const segmentMinConfig: KernelConfig = {
  kernelName: SegmentMin,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { data, segmentIds } = inputs as Supplied<SegmentMinInputs>;
    const { numSegments } = attrs as unknown as SegmentMinAttrs;
    return tidy(() => segmentExtreme(tfOpsOf(backend, SegmentMin), 'UnsortedSegmentMin', data, segmentIds, numSegments));
  },
};
