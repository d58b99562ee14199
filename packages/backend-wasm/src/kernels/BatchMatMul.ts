import { plainMatMulDims, sparseMatMulImpl, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { float32Heap } from './heap_values.js';

/**
 * Density up to which a zero-skipping product in JavaScript beats XNNPACK's
 * dense SIMD one (measured on Cora's features: 1.3 % non-zero, 30 ms dense
 * against 3 ms skipping; XNNPACK also repacks a changing right operand every
 * call, 100 ms for the features after dropout).
 */
const MAX_DENSITY = 0.04;

type BatchMatMulArgs = { inputs: Supplied<BatchMatMulInputs>; backend: BackendWasm; attrs: BatchMatMulAttrs };

/**
 * tfjs-wasm's `BatchMatMul`, with one float32 matrix pair (no transposes, no
 * batch) computed over the non-zeros of a mostly-zero operand; every other
 * case runs tfjs's own kernel (`stockConfig`, whose wasm setup it keeps).
 */
export function makeBatchMatMulConfig(stockConfig: KernelConfig): KernelConfig {
  const stock = stockConfig.kernelFunc;
  const kernelFunc = (args: BatchMatMulArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { a, b } = inputs;
    const dims = plainMatMulDims(a, b, attrs);
    if (dims !== undefined) {
      const out = backend.makeOutput([...a.shape.slice(0, -1), dims.n], 'float32');
      // Views after makeOutput: it may grow the heap and detach older ones.
      if (sparseMatMulImpl(float32Heap(backend, a), 0, float32Heap(backend, b), 0, dims, MAX_DENSITY, float32Heap(backend, out), { a: a.dataId, b: b.dataId })) {
        return out;
      }
      backend.disposeData(out.dataId);
    }
    return stock(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  };
  return { ...stockConfig, kernelName: BatchMatMul, backendName: 'wasm', kernelFunc: kernelFunc as unknown as KernelFunc };
}
