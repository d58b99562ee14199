import type { BatchMatMulAttrs, BatchMatMulInputs, KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { HostMemory } from './host_memory.js';
import { plainMatMulDims, sparseMatMulImpl, type MatMulDims } from './sparse_matmul_impl.js';
import type { Supplied } from './types.js';
import { withFallback } from './with_fallback.js';

/** What tfjs passes a `BatchMatMul` kernel. */
export type BatchMatMulArgs<Backend> = { inputs: Supplied<BatchMatMulInputs>; backend: Backend; attrs: BatchMatMulAttrs };

/**
 * tfjs's `BatchMatMul` with `fast` computing one float32 matrix pair (no
 * transposes, no batch, see `plainMatMulDims`) when it can (returning
 * undefined otherwise); every other product runs tfjs's own kernel (`stock`,
 * whose other fields, such as tfjs-wasm's `setupFunc`, are kept).
 */
export function makePlainMatMulConfig<Backend>(
  stock: KernelConfig,
  fast: (args: BatchMatMulArgs<Backend>, dims: MatMulDims) => TensorInfo | undefined,
): KernelConfig {
  return withFallback<BatchMatMulArgs<Backend>>(stock, (args) => {
    const dims = plainMatMulDims(args.inputs.a, args.inputs.b, args.attrs);
    return dims === undefined ? undefined : fast(args, dims);
  });
}

/**
 * `a · b` on typed arrays over the non-zeros of an operand at most
 * `maxDensity` non-zero; otherwise by `dense` when given, else undefined (the
 * caller's fallback runs).
 */
export function hostMatMul<Backend>(
  memory: HostMemory<Backend>,
  { inputs: { a, b }, backend }: BatchMatMulArgs<Backend>,
  dims: MatMulDims,
  maxDensity: number,
  dense?: (a: Float32Array, b: Float32Array, dims: MatMulDims, out: Float32Array) => void,
): TensorInfo | undefined {
  const { out, values } = memory.float32Output(backend, [...a.shape.slice(0, -1), dims.n]);
  const [va, vb] = [memory.float32(backend, a), memory.float32(backend, b)];
  if (sparseMatMulImpl(va, 0, vb, 0, dims, maxDensity, values, { a: a.dataId, b: b.dataId })) return out;
  if (dense !== undefined) {
    dense(va, vb, dims, values);
    return out;
  }
  memory.dispose(backend, out);
  return undefined;
}
