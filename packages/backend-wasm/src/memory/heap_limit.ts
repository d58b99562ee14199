/**
 * The WebAssembly heap's ceiling and the typed error for work beyond it.
 *
 * tfjs-backend-wasm is 32-bit WebAssembly: its heap (every tensor of the
 * backend) cannot pass 4 GiB (its Emscripten build's `getHeapMax()`: 65 535
 * pages of 64 KiB). Past that its allocator does not fail cleanly: a request
 * that would end beyond 2^32 wraps around and returns a block that runs off the
 * end of memory (a `RangeError` or `RuntimeError: memory access out of bounds`
 * later, or silent corruption), and a failed one returns address 0, which
 * tfjs-wasm then uses as a tensor's address. `guardAllocator` puts a check
 * in front of it.
 */
import { GnnError } from '@gnnjs/core';

/** tfjs-backend-wasm's heap ceiling in bytes (4 GiB less one 64 KiB page). */
export const WASM_HEAP_LIMIT_BYTES = 4_294_901_760;

/** `bytes` as GiB or MiB with one decimal, or in bytes below 1 MiB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${bytes} bytes`;
}

/**
 * Work on the `wasm` backend needs more memory than its heap can hold (at most
 * 4 GiB); the `cpu` backend (or `tensorflow` in Node) holds what the
 * machine's memory holds.
 *
 * @example
 * ```ts
 * try {
 *   await train();
 * } catch (error) {
 *   if (error instanceof WasmHeapLimitError) console.error(`${error.message}`); // then rerun on 'cpu'
 *   else throw error;
 * }
 * ```
 */
export class WasmHeapLimitError extends GnnError {
  override readonly name: string = 'WasmHeapLimitError';
  /** Bytes the work needs on the heap at least (live tensors plus the refused request). */
  readonly bytesNeeded: number;
  /** The heap's ceiling, `WASM_HEAP_LIMIT_BYTES` unless a smaller engine limit was met. */
  readonly bytesLimit: number;
  /** A backend without the ceiling. */
  readonly suggestedBackend = 'cpu';

  constructor(what: string, bytesNeeded: number, bytesLimit: number, detail = '') {
    super(
      `${what} needs ${formatBytes(bytesNeeded)} (${bytesNeeded} bytes) of WebAssembly memory; ` +
        `the wasm backend's heap is capped at ${formatBytes(bytesLimit)} (32-bit WebAssembly)${detail}: ` +
        "use the 'cpu' backend, which is limited only by the machine's memory",
    );
    this.bytesNeeded = bytesNeeded;
    this.bytesLimit = bytesLimit;
  }
}

/**
 * Refuses, before any work starts, a job that needs `bytesNeeded` bytes of
 * heap at its peak (an estimate by the caller, e.g. from a smaller run).
 *
 * @example
 * ```ts
 * assertFitsWasmHeap(9.8e9, 'GATConv forward+backward, N = 1M'); // throws WasmHeapLimitError
 * ```
 */
export function assertFitsWasmHeap(bytesNeeded: number, what: string, limit = WASM_HEAP_LIMIT_BYTES): void {
  if (!(bytesNeeded <= limit)) throw new WasmHeapLimitError(what, bytesNeeded, limit);
}

/** The allocator of an Emscripten module: its exported `malloc`/`free` and the heap's size now. */
export interface RawAllocator {
  malloc(bytes: number): number;
  free(pointer: number): void;
  heapBytes(): number;
}

/** `RawAllocator`'s checked twin, with the bytes it has handed out and not taken back. */
export interface GuardedAllocator {
  malloc(bytes: number): number;
  free(pointer: number): void;
  liveBytes(): number;
  /** The most `liveBytes` has been since the guard was made or `resetPeak` was called. */
  peakBytes(): number;
  resetPeak(): void;
}

/**
 * `raw` with checks that turn every way a tfjs-wasm allocation fails into a
 * `WasmHeapLimitError`: a request that, with the blocks already handed out,
 * cannot fit under `limit` is refused before the allocator sees it; a
 * returned 0, or a block that ends past the heap, throws (the latter means the
 * allocator's state wrapped around 2^32, so every later request throws too).
 */
export function guardAllocator(raw: RawAllocator, limit = WASM_HEAP_LIMIT_BYTES): GuardedAllocator {
  const sizes = new Map<number, number>();
  let live = 0;
  let peak = 0;
  let broken = false;
  const refuse = (bytes: number, detail: string) => new WasmHeapLimitError(`a tensor of ${formatBytes(bytes)}`, live + bytes, limit, detail);
  return {
    malloc(bytes) {
      const held = `, ${formatBytes(live)} of it already held by tensors`;
      if (broken) throw refuse(bytes, `${held}; an earlier allocation ran past its end, so this backend cannot allocate any more`);
      if (!(live + bytes <= limit)) throw refuse(bytes, held);
      const pointer = raw.malloc(bytes) >>> 0;
      if (bytes > 0 && pointer === 0) throw refuse(bytes, `${held}, and it has no free block of that size`);
      if (pointer + bytes > raw.heapBytes()) {
        broken = true;
        throw refuse(bytes, `${held}; the allocator ran past its end, so this backend cannot allocate any more`);
      }
      sizes.set(pointer, bytes);
      live += bytes;
      peak = Math.max(peak, live);
      return pointer;
    },
    free(pointer) {
      const key = pointer >>> 0;
      const bytes = sizes.get(key);
      if (bytes !== undefined) {
        live -= bytes;
        sizes.delete(key);
      }
      raw.free(pointer);
    },
    liveBytes: () => live,
    peakBytes: () => peak,
    resetPeak: () => {
      peak = live;
    },
  };
}
