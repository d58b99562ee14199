import { tidy, type KernelConfig } from '@tensorflow/tfjs-core';
import { SpMM, type SpMMAttrs, type SpMMInputs } from '@gnnjs/core';
import { TENSORFLOW_BACKEND } from '../variants.js';
import { padTrailingAxes } from './segment_helpers.js';
import { tfOpsOf } from './tf_ops_of.js';
import type { Supplied } from './supplied.js';

/**
 * `out[dst_e] += weight[e] * x[src_e]` as `GatherV2` → `Mul` → `UnsortedSegmentSum`.
 * TensorFlow's one fused alternative, `SparseTensorDenseMatMul`, needs int64
 * operands that tfjs-node cannot create and handles 2-D `x` only.
 */
export const spmmConfig: KernelConfig = {
  kernelName: SpMM,
  backendName: TENSORFLOW_BACKEND,
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { edgeIndex, x, weight } = inputs as Supplied<SpMMInputs>;
    const { numDstNodes } = attrs as unknown as SpMMAttrs;
    return tidy(() => {
      const ops = tfOpsOf(backend, SpMM);
      const messages = ops.gather(x, ops.edgeRow(edgeIndex, 0));
      const weighted =
        weight === undefined ? messages : ops.binary('Mul', messages, padTrailingAxes(ops, weight, x.shape.length));
      return ops.unsortedSegment('UnsortedSegmentSum', weighted, ops.edgeRow(edgeIndex, 1), numDstNodes);
    });
  },
};
