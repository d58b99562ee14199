import type { SegmentReduceAttrs, SegmentReduceInputs } from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { segmentLayout, sizeOf, type SegmentReduceImpl, type Supplied } from '../kernels_impl/index.js';
import { float32Values, int32Values } from './cpu_values.js';

/** The CPU kernel config of one segment reduction. */
export function segmentReduceConfig(kernelName: string, impl: SegmentReduceImpl): KernelConfig {
  const kernelFunc = (args: { inputs: Supplied<SegmentReduceInputs>; backend: MathBackendCPU; attrs: SegmentReduceAttrs }): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { outShape, rowSize } = segmentLayout(inputs.data.shape, attrs.numSegments);
    const out = new Float32Array(sizeOf(outShape));
    impl(float32Values(backend, inputs.data), int32Values(backend, inputs.segmentIds), attrs.numSegments, rowSize, out);
    return backend.makeTensorInfo(outShape, 'float32', out);
  };
  return { kernelName, backendName: 'cpu', kernelFunc: kernelFunc as unknown as KernelFunc };
}
