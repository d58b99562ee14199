import { GnnError } from '@gnnjs/core';
import { describe, expect, it } from 'vitest';
import { WASM_HEAP_LIMIT_BYTES, WasmHeapLimitError, assertFitsWasmHeap, guardAllocator, type RawAllocator } from './heap_limit.js';

/** A bump allocator over a heap of `heap` bytes that hands out what `next` says. */
function fakeAllocator(heap: number, next?: (bytes: number, top: number) => number): RawAllocator & { calls: number } {
  let top = 16;
  const raw = {
    calls: 0,
    malloc(bytes: number) {
      raw.calls++;
      const pointer = next ? next(bytes, top) : top + bytes <= heap ? top : 0;
      if (pointer !== 0) top = pointer + bytes;
      return pointer;
    },
    free() {},
    heapBytes: () => heap,
  };
  return raw;
}

describe('WebAssembly heap limit', () => {
  it('refuses up front a job whose peak exceeds the 4 GiB heap, naming the bytes and the cpu backend', () => {
    expect(() => assertFitsWasmHeap(3e9, 'small job')).not.toThrow();
    const error = (() => {
      try {
        assertFitsWasmHeap(9_800_000_000, 'GATConv forward+backward at N = 1M');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(WasmHeapLimitError);
    expect(error).toBeInstanceOf(GnnError);
    const e = error as WasmHeapLimitError;
    expect(e.message).toBe(
      'GATConv forward+backward at N = 1M needs 9.1 GiB (9800000000 bytes) of WebAssembly memory; the wasm backend\'s heap is capped ' +
        "at 4.0 GiB (32-bit WebAssembly): use the 'cpu' backend, which is limited only by the machine's memory",
    );
    expect([e.bytesNeeded, e.bytesLimit, e.suggestedBackend]).toEqual([9_800_000_000, WASM_HEAP_LIMIT_BYTES, 'cpu']);
    expect(() => assertFitsWasmHeap(Number.NaN, 'unknown size')).toThrow(WasmHeapLimitError);
  });

  it('refuses an allocation that cannot fit beside the live ones without asking the allocator', () => {
    const raw = fakeAllocator(1 << 20);
    const guard = guardAllocator(raw, 1000);
    const a = guard.malloc(600);
    expect(guard.liveBytes()).toBe(600);
    expect(() => guard.malloc(401)).toThrow(/\(1001 bytes\)/);
    expect(raw.calls).toBe(1);
    guard.free(a);
    expect([guard.liveBytes(), guard.peakBytes()]).toEqual([0, 600]);
    guard.resetPeak();
    expect(guard.peakBytes()).toBe(0);
    expect(guard.malloc(1000)).toBeGreaterThan(0);
  });

  it('refuses sizes of 4 GiB and more, which Emscripten would truncate to 32 bits and serve', () => {
    const raw = fakeAllocator(1 << 20);
    const guard = guardAllocator(raw);
    expect(() => guard.malloc(2 ** 32 + 4)).toThrow(WasmHeapLimitError);
    expect(raw.calls).toBe(0);
  });

  it('turns a failed allocation (address 0) into the typed error', () => {
    const guard = guardAllocator(fakeAllocator(1 << 20, () => 0));
    expect(() => guard.malloc(64)).toThrow(/no free block of that size/);
  });

  it('throws, and keeps throwing, once the allocator hands out a block past the end of the heap', () => {
    // What tfjs-wasm's allocator does when a request would end past 2^32: the end wraps around.
    const guard = guardAllocator(fakeAllocator(4096, (bytes, top) => (bytes > 1000 ? 4000 : top)), 1 << 20);
    expect(guard.malloc(8)).toBe(16);
    expect(() => guard.malloc(2000)).toThrow(/ran past its end/);
    expect(() => guard.malloc(8)).toThrow(/cannot allocate any more/);
  });
});
