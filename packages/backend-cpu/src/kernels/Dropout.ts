import { Dropout, type DropoutAttrs, type DropoutInputs } from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { cachedCsr, dropoutImpl, rememberCsr, sizeOf, sparseDropoutImpl, type Supplied } from '../kernels_impl/index.js';
import { float32Values } from './cpu_values.js';

/**
 * Density up to which dropout works from the input's non-zeros. Bag-of-words
 * features (1.3 % non-zero on Cora) are the same tensor every epoch, so their
 * structure is found once; a dense input costs a scan of about this fraction
 * of its entries before the plain loop takes over.
 */
const SPARSE_DENSITY = 0.05;

export function dropout(args: { inputs: Supplied<DropoutInputs>; backend: MathBackendCPU; attrs: DropoutAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const shape = inputs.x.shape;
  const size = sizeOf(shape);
  const x = float32Values(backend, inputs.x);
  const out = new Float32Array(size);
  const rows = shape.length >= 2 ? shape[0]! : 1;
  const cols = rows === 0 ? 0 : size / rows;
  const csr = cachedCsr(inputs.x.dataId, x, 0, rows, cols, Math.floor(SPARSE_DENSITY * size));
  if (csr === undefined) {
    dropoutImpl(x, attrs.rate, attrs.seed, out);
    return backend.makeTensorInfo(shape, 'float32', out);
  }
  const outCsr = sparseDropoutImpl(csr, cols, attrs.rate, attrs.seed, out);
  const result = backend.makeTensorInfo(shape, 'float32', out);
  // The product that consumes the output (the first layer's) need not scan it.
  rememberCsr(result.dataId, rows, cols, outCsr);
  return result;
}

export const dropoutConfig: KernelConfig = {
  kernelName: Dropout,
  backendName: 'cpu',
  kernelFunc: dropout as unknown as KernelFunc,
};
