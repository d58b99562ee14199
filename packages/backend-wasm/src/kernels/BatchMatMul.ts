import { plainMatMulDims, sparseMatMulImpl, type MatMulDims, type Supplied } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor, type GnnWasmKernels } from '../simd/gnn_kernels.js';
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
    const simd = wasmKernelsFor(backend);
    if (dims !== undefined && simd !== null) {
      const out = simdSparseMatMul(simd, args, dims);
      if (out !== undefined) return out;
    } else if (dims !== undefined) {
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

/** Operands found too dense to skip zeros in (tensors are immutable: a verdict holds). */
const denseOperands = new WeakSet<object>();

/**
 * The zero-skipping product in WebAssembly SIMD: it finds non-zeros four at a
 * time, so it scans the operand on every call instead of keeping its sparsity
 * like the typed-array path (a dense operand gives up after `MAX_DENSITY` of
 * its entries).
 */
function simdSparseMatMul(simd: GnnWasmKernels, { inputs, backend }: BatchMatMulArgs, dims: MatMulDims): TensorInfo | undefined {
  const { a, b } = inputs;
  const { m, k, n } = dims;
  const out = backend.makeOutput([...a.shape.slice(0, -1), n], 'float32');
  const [pa, pb, po] = [heapPointer(backend, a), heapPointer(backend, b), heapPointer(backend, out)];
  // The larger operand first: it is the one worth skipping zeros in.
  for (const left of m >= n ? [true, false] : [false, true]) {
    const operand = left ? a : b;
    if (denseOperands.has(operand.dataId)) continue;
    let nnz: number;
    if (left) {
      nnz = simd.sparse_left_matmul(pa, pb, m, k, n, po, Math.floor(MAX_DENSITY * m * k));
    } else {
      const scratch = backend.makeOutput([(k + n) * m], 'float32');
      nnz = simd.sparse_right_matmul(pa, pb, m, k, n, po, heapPointer(backend, scratch), Math.floor(MAX_DENSITY * k * n));
      backend.disposeData(scratch.dataId);
    }
    if (nnz >= 0) return out;
    denseOperands.add(operand.dataId);
  }
  backend.disposeData(out.dataId);
  return undefined;
}
