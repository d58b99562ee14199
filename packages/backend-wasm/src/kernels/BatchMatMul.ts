import { hostMatMul, makePlainMatMulConfig, type BatchMatMulArgs, type MatMulDims } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor, type GnnWasmKernels } from '../simd/gnn_kernels.js';
import { heapMemory } from './heap_values.js';

/**
 * Density up to which a zero-skipping product in JavaScript beats XNNPACK's
 * dense SIMD one (measured on Cora's features: 1.3 % non-zero, 30 ms dense
 * against 3 ms skipping; XNNPACK also repacks a changing right operand every
 * call, 100 ms for the features after dropout).
 */
const MAX_DENSITY = 0.04;

/**
 * tfjs-wasm's `BatchMatMul`, with one float32 matrix pair (no transposes, no
 * batch) computed over the non-zeros of a mostly-zero operand, in SIMD where
 * the module loaded; every other case runs tfjs's own kernel (`stockConfig`,
 * whose wasm setup it keeps).
 */
export function makeBatchMatMulConfig(stockConfig: KernelConfig): KernelConfig {
  return makePlainMatMulConfig<BackendWasm>(stockConfig, (args, dims) => {
    const simd = wasmKernelsFor(args.backend);
    return simd !== null ? simdSparseMatMul(simd, args, dims) : hostMatMul(heapMemory, args, dims, MAX_DENSITY);
  });
}

/** Operands found too dense to skip zeros in (tensors are immutable: a verdict holds). */
const denseOperands = new WeakSet<object>();

/**
 * The zero-skipping product in WebAssembly SIMD: it finds non-zeros four at a
 * time, so it scans the operand on every call instead of keeping its sparsity
 * like the typed-array path (a dense operand gives up after `MAX_DENSITY` of
 * its entries).
 */
function simdSparseMatMul(simd: GnnWasmKernels, { inputs, backend }: BatchMatMulArgs<BackendWasm>, dims: MatMulDims): TensorInfo | undefined {
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
