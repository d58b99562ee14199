import { tidy, type KernelConfig } from '@tensorflow/tfjs-core';
import { SegmentSoftmax, type SegmentSoftmaxAttrs, type SegmentSoftmaxInputs } from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { Supplied } from './supplied.js';

/**
 * `exp(l - max_s) / Σ_s exp(l - max_s)` per segment and trailing position.
 * Only segments that own an entry are gathered back, so TensorFlow's fill
 * value for empty segments never reaches the output.
 */
export const segmentSoftmaxConfig: KernelConfig = {
  kernelName: SegmentSoftmax,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { logits, segmentIds } = inputs as Supplied<SegmentSoftmaxInputs>;
    const { numSegments } = attrs as unknown as SegmentSoftmaxAttrs;
    return tidy(() => {
      const ops = tfOpsOf(backend, SegmentSoftmax);
      const maxima = ops.unsortedSegment('UnsortedSegmentMax', logits, segmentIds, numSegments);
      const exps = ops.unary('Exp', ops.binary('Sub', logits, ops.gather(maxima, segmentIds)));
      const sums = ops.unsortedSegment('UnsortedSegmentSum', exps, segmentIds, numSegments);
      return ops.binary('RealDiv', exps, ops.gather(sums, segmentIds));
    });
  },
};
