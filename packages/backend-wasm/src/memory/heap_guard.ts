/**
 * Puts `guardAllocator`'s checks in front of a tfjs-wasm backend's heap: tfjs
 * allocates every tensor through `backend.wasm._malloc` and frees it through
 * `_free`, so replacing the two covers every tensor of the backend.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { guardAllocator, type GuardedAllocator } from './heap_limit.js';

interface EmscriptenHeap {
  _malloc: (bytes: number) => number;
  _free: (pointer: number) => void;
  asm?: { malloc?: unknown; free?: unknown; memory?: unknown };
}

const guards = new WeakMap<BackendWasm, GuardedAllocator>();

/**
 * Installs the guard on `backend` (once); `false` where this tfjs build does
 * not expose its allocator as expected, which then runs unguarded.
 */
export function installHeapGuard(backend: BackendWasm): boolean {
  if (guards.has(backend)) return true;
  const module = (backend as unknown as { wasm?: EmscriptenHeap }).wasm;
  // The module's own exports: `_malloc` itself may be Emscripten's lazy stub,
  // which replaces `Module._malloc` (and so would drop the guard) on its first call.
  const { malloc, free, memory } = module?.asm ?? {};
  if (module === undefined || typeof malloc !== 'function' || typeof free !== 'function' || !(memory instanceof WebAssembly.Memory)) return false;
  const guard = guardAllocator({
    malloc: malloc as (bytes: number) => number,
    free: free as (pointer: number) => void,
    heapBytes: () => memory.buffer.byteLength,
  });
  module._malloc = guard.malloc;
  module._free = guard.free;
  guards.set(backend, guard);
  return true;
}

/**
 * Bytes of `backend`'s heap its tensors hold now and at most since the
 * backend was made or `resetWasmHeapPeak` (tensors sharing memory counted
 * once, unlike tfjs's `memory().numBytes`); `undefined` where unguarded.
 *
 * @example
 * ```ts
 * resetWasmHeapPeak(backend);
 * step();
 * const { peakBytes } = wasmHeapUsage(backend)!; // what the step needed at most
 * ```
 */
export function wasmHeapUsage(backend: BackendWasm): { liveBytes: number; peakBytes: number } | undefined {
  const guard = guards.get(backend);
  return guard === undefined ? undefined : { liveBytes: guard.liveBytes(), peakBytes: guard.peakBytes() };
}

/** Starts `wasmHeapUsage`'s peak afresh from the bytes held now. */
export function resetWasmHeapPeak(backend: BackendWasm): void {
  guards.get(backend)?.resetPeak();
}
