/**
 * The GNN kernels compiled to WebAssembly SIMD (gnn_kernels.wat), instantiated
 * once per backend on tfjs-backend-wasm's own memory so they work on tensors
 * in place. Where that cannot be done (no SIMD in the engine, tfjs's threaded
 * build on shared memory, a tfjs build that hides its memory) the kernels keep
 * their typed-array implementations, which compute the same values.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { gnnKernelsWasmBase64 } from './gnn_kernels_wasm.js';

/** Exports of gnn_kernels.wat; every pointer is a byte offset into the heap. */
export interface GnnWasmKernels {
  spmm(
    src: number, dst: number, numEdges: number, x: number, weight: number, out: number,
    numSrc: number, numDst: number, rowSize: number, weightSize: number,
  ): void;
  sddmm_dot(
    src: number, dst: number, numEdges: number, lhs: number, rhs: number, out: number,
    numSrc: number, numDst: number, numGroups: number, lastDim: number,
  ): void;
  sddmm_binary(
    src: number, dst: number, numEdges: number, lhs: number, rhs: number, out: number,
    numSrc: number, numDst: number, rowSize: number, isMul: number,
  ): void;
  segment_sum(data: number, ids: number, numRows: number, numSegments: number, rowSize: number, out: number): void;
  segment_softmax(
    logits: number, ids: number, numRows: number, numSegments: number, rowSize: number, out: number, scratch: number,
  ): void;
  gather_rows(x: number, indices: number, numIndices: number, numRows: number, rowSize: number, out: number): void;
  /** `a · b` over the non-zeros of `a`; the number of them, or -1 past `maxNnz`. */
  sparse_left_matmul(a: number, b: number, m: number, k: number, n: number, out: number, maxNnz: number): number;
  /** `a · b` over the non-zeros of `b`, with `(k + n) · m` floats of scratch; as `sparse_left_matmul`. */
  sparse_right_matmul(
    a: number, b: number, m: number, k: number, n: number, out: number, scratch: number, maxNnz: number,
  ): number;
}

interface WasmModuleInternals {
  wasm: { asm?: { memory?: unknown }; wasmMemory?: unknown };
}

let compiled: WebAssembly.Module | null | undefined;
let enabled = true;
const instances = new WeakMap<BackendWasm, GnnWasmKernels | null>();

/**
 * The SIMD kernels bound to `backend`'s heap, or `null` when they cannot run
 * there (the caller then uses its typed-array implementation).
 */
export function wasmKernelsFor(backend: BackendWasm): GnnWasmKernels | null {
  if (!enabled) return null;
  let kernels = instances.get(backend);
  if (kernels === undefined) {
    kernels = instantiate(backend);
    instances.set(backend, kernels);
  }
  return kernels;
}

/**
 * Turns the SIMD kernels off (or back on) for this process; tests use it to
 * compare them with the typed-array implementations.
 */
export function setWasmKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** Byte offset of a tensor's values on the wasm heap. */
export function heapPointer(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}

function instantiate(backend: BackendWasm): GnnWasmKernels | null {
  const internals = backend as unknown as WasmModuleInternals;
  const memory = internals.wasm.asm?.memory ?? internals.wasm.wasmMemory;
  // Shared memory (tfjs's threaded build) cannot be imported as the plain
  // memory the module declares.
  if (!(memory instanceof WebAssembly.Memory) || !(memory.buffer instanceof ArrayBuffer)) return null;
  const module = compileOnce();
  if (module === null) return null;
  try {
    return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GnnWasmKernels;
  } catch {
    return null;
  }
}

function compileOnce(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  const bytes = Uint8Array.from(atob(gnnKernelsWasmBase64), (c) => c.charCodeAt(0));
  // A synchronous compile is allowed on a browser's main thread only for
  // modules under 4 KiB; a test keeps this one below that.
  compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  return compiled;
}
