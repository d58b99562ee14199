import type { CsrMatrix } from '@gnnjs/backend-cpu/kernels-impl';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { heapPointer } from '../simd/gnn_kernels.js';
import { float32Heap } from './heap_values.js';

/** A CSR matrix copied onto the wasm heap for the SIMD kernels: byte offsets of its arrays and of `extraFloats` floats of scratch after them. */
export interface HeapCsr {
  /** The one allocation holding it all: dispose it when done. */
  scratch: TensorInfo;
  rowStart: number;
  cols: number;
  vals: number;
  extra: number;
}

/**
 * Copies `csr` (`rows` rows) onto the heap in one scratch tensor with room
 * for `extraFloats` more floats. Allocate the kernel's output before: views
 * taken before an allocation may be detached by it.
 */
export function csrOnHeap(backend: BackendWasm, csr: CsrMatrix, rows: number, extraFloats: number): HeapCsr {
  const nnz = csr.rowStart[rows]!;
  const scratch = backend.makeOutput([rows + 1 + 2 * nnz + extraFloats], 'float32');
  const base = heapPointer(backend, scratch);
  const [rowStart, cols, vals] = [base, base + 4 * (rows + 1), base + 4 * (rows + 1 + nnz)];
  const floats = float32Heap(backend, scratch);
  const ints = new Int32Array(floats.buffer);
  ints.set(csr.rowStart.subarray(0, rows + 1), rowStart >>> 2);
  ints.set(csr.cols.subarray(0, nnz), cols >>> 2);
  new Float32Array(floats.buffer).set(csr.vals.subarray(0, nnz), vals >>> 2);
  return { scratch, rowStart, cols, vals, extra: vals + 4 * nnz };
}
