import { cachedCsr, hostMatMul, makePlainMatMulConfig, type BatchMatMulArgs, type MatMulDims } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer, wasmKernelsFor, type GnnWasmKernels } from '../simd/gnn_kernels.js';
import { csrOnHeap } from './csr_heap.js';
import { float32Heap, heapMemory } from './heap_values.js';

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

/**
 * The zero-skipping product in WebAssembly SIMD over the non-zeros of the
 * mostly-zero operand. Those are found once per tensor and kept with it
 * (`cachedCsr`: tensors are immutable), so constant features are scanned on
 * their first product only, and dropout's output comes with its non-zeros
 * (`Dropout.ts`); a dense operand gives up after `MAX_DENSITY` of its entries
 * and keeps that verdict.
 */
function simdSparseMatMul(simd: GnnWasmKernels, { inputs, backend }: BatchMatMulArgs<BackendWasm>, dims: MatMulDims): TensorInfo | undefined {
  const { a, b } = inputs;
  const { m, k, n } = dims;
  // The larger operand first: it is the one worth skipping zeros in.
  for (const left of m >= n ? [true, false] : [false, true]) {
    const [operand, rows, cols] = left ? [a, m, k] : [b, k, n];
    const csr = cachedCsr(operand.dataId, float32Heap(backend, operand), 0, rows, cols, Math.floor(MAX_DENSITY * rows * cols));
    if (csr === undefined) continue;
    const out = backend.makeOutput([...a.shape.slice(0, -1), n], 'float32');
    // The right operand's product needs the transposes of a and of the result.
    const heap = csrOnHeap(backend, csr, rows, left ? 0 : (k + n) * m);
    const po = heapPointer(backend, out);
    if (left) simd.csr_left_matmul(heap.rowStart, heap.cols, heap.vals, heapPointer(backend, b), m, n, po);
    else simd.csr_right_matmul(heapPointer(backend, a), heap.rowStart, heap.cols, heap.vals, m, k, n, po, heap.extra);
    backend.disposeData(heap.scratch.dataId);
    return out;
  }
  return undefined;
}
