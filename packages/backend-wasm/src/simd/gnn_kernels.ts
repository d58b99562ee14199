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
  segment_softmax_grad(
    y: number, dy: number, ids: number, numRows: number, numSegments: number, rowSize: number, out: number, scratch: number,
  ): void;
  gather_rows(x: number, indices: number, numIndices: number, numRows: number, rowSize: number, out: number): void;
  additive_attention(
    src: number, dst: number, numEdges: number, lhs: number, rhs: number, att: number, out: number,
    numSrc: number, numDst: number, heads: number, channels: number, negativeSlope: number,
  ): void;
  /** `scratch`: `heads · channels` float64 accumulators for `dAtt`, 8-byte aligned. */
  additive_attention_grad(
    src: number, dst: number, numEdges: number, lhs: number, rhs: number, att: number, dy: number,
    dLhs: number, dRhs: number, dAtt: number, scratch: number,
    numSrc: number, numDst: number, heads: number, channels: number, negativeSlope: number,
  ): void;
  /** `a · b` over the non-zeros of `a`; the number of them, or -1 past `maxNnz`. */
  sparse_left_matmul(a: number, b: number, m: number, k: number, n: number, out: number, maxNnz: number): number;
  /** `a · b` over the non-zeros of `b`, with `(k + n) · m` floats of scratch; as `sparse_left_matmul`. */
  /** `GnnDropout` of `size` floats, with the key and threshold of @gnnjs/core's dropout mask. */
  dropout(x: number, size: number, key: number, threshold: number, scale: number, out: number): void;
  /** `GnnSegmentAttention` without dropout; `order`/`starts` group the nodes by segment, `p` holds the largest segment's floats. */
  segment_attention(
    q: number, k: number, v: number, order: number, starts: number, numSegments: number,
    heads: number, keyDim: number, valueDim: number, scale: number, out: number, p: number,
  ): void;
  /** Its backward; `dq`, `dk`, `dv` zeroed by the caller. */
  segment_attention_grad(
    q: number, k: number, v: number, order: number, starts: number, numSegments: number,
    heads: number, keyDim: number, valueDim: number, scale: number,
    output: number, dy: number, dq: number, dk: number, dv: number, p: number,
  ): void;
  sparse_right_matmul(
    a: number, b: number, m: number, k: number, n: number, out: number, scratch: number, maxNnz: number,
  ): number;
  /** `A · b` for `A: [m, k]` given by its non-zeros (CSR: int32 `rowStart`, `cols`, float32 `vals`). */
  csr_left_matmul(rowStart: number, cols: number, vals: number, b: number, m: number, n: number, out: number): void;
  /** `a · B` for `B: [k, n]` given by its non-zeros, with `(k + n) · m` floats of scratch. */
  csr_right_matmul(
    a: number, rowStart: number, cols: number, vals: number, m: number, k: number, n: number, out: number, scratch: number,
  ): void;
  /** `GnnAttentionProjection`: `out[n, h] = Σ_c x · att` (float64 sums). */
  attention_projection(x: number, att: number, n: number, heads: number, channels: number, out: number): void;
  /** Its backward; `scratch`: `heads · channels` float64 accumulators, 8-byte aligned. */
  attention_projection_grad(
    x: number, att: number, dy: number, n: number, heads: number, channels: number, dx: number, dAtt: number, scratch: number,
  ): void;
  /**
   * `GnnSoftmaxAggregate` (`logits` ≠ 0) or `GnnGatAttention` (`logits` = 0,
   * node scores instead), per target over `order[start[i] .. start[i+1])`;
   * `scratch`: `4 · ⌈H⌉₄ + maxDegree · H` floats.
   */
  attention_aggregate(
    src: number, order: number, start: number, numDst: number,
    x: number, logits: number, scoreSrc: number, scoreDst: number, slope: number, heads: number, channels: number,
    dropping: number, key: number, threshold: number, scale: number, out: number, scratch: number,
  ): void;
  /** Its backward (every output zeroed first); `scratch`: `4 · ⌈H⌉₄ + 2 · maxDegree · H` floats. */
  attention_aggregate_grad(
    src: number, order: number, start: number, numDst: number, numSrc: number, numEdges: number,
    x: number, logits: number, scoreSrc: number, scoreDst: number, slope: number, heads: number, channels: number,
    dropping: number, key: number, threshold: number, scale: number,
    dy: number, dx: number, dLogits: number, dScoreSrc: number, dScoreDst: number, scratch: number, maxDegree: number,
  ): void;
}

interface WasmModuleInternals {
  wasm: { asm?: { memory?: unknown }; wasmMemory?: unknown };
}

/** The compiled module: `undefined` until compiled, `null` where it cannot be. */
let compiled: WebAssembly.Module | null | undefined;
let enabled = true;
const instances = new WeakMap<BackendWasm, GnnWasmKernels | null>();
const moduleBytes = Uint8Array.from(atob(gnnKernelsWasmBase64), (c) => c.charCodeAt(0));

// Browsers refuse a synchronous compile of all but tiny modules on the main
// thread, so compilation starts asynchronously as soon as this module loads
// (well before a backend finishes initialising); until it ends the kernels
// run their typed-array twins.
if (!WebAssembly.validate(moduleBytes)) {
  compiled = null;
} else {
  WebAssembly.compile(moduleBytes).then(
    (m) => (compiled ??= m),
    () => (compiled ??= null),
  );
}

/**
 * The SIMD kernels bound to `backend`'s heap, or `null` when they cannot run
 * there (the caller then uses its typed-array implementation).
 */
export function wasmKernelsFor(backend: BackendWasm): GnnWasmKernels | null {
  if (!enabled) return null;
  const known = instances.get(backend);
  if (known !== undefined) return known;
  const module = compiledModule();
  if (module === undefined) return null;
  const kernels = module === null ? null : instantiate(backend, module);
  instances.set(backend, kernels);
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

function instantiate(backend: BackendWasm, module: WebAssembly.Module): GnnWasmKernels | null {
  const internals = backend as unknown as WasmModuleInternals;
  const memory = internals.wasm.asm?.memory ?? internals.wasm.wasmMemory;
  // Shared memory (tfjs's threaded build) cannot be imported as the plain
  // memory the module declares.
  if (!(memory instanceof WebAssembly.Memory) || !(memory.buffer instanceof ArrayBuffer)) return null;
  try {
    return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as GnnWasmKernels;
  } catch {
    return null;
  }
}

/** The module, compiled synchronously where the engine allows it (Node, workers). */
function compiledModule(): WebAssembly.Module | null | undefined {
  if (compiled !== undefined) return compiled;
  try {
    compiled = new WebAssembly.Module(moduleBytes);
  } catch {
    // A browser's main thread: wait for the asynchronous compile.
  }
  return compiled;
}
