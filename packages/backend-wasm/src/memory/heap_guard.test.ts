import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendWasm } from '../base.js';
import { WasmHeapLimitError, resetWasmHeapPeak, wasmHeapUsage } from '../index.js';

describe("the wasm backend's heap guard", () => {
  let backend: BackendWasm;
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    backend = tf.backend() as BackendWasm;
  });

  it('is installed on every wasm backend and counts the bytes its tensors hold, now and at the peak', () => {
    resetWasmHeapPeak(backend);
    const before = wasmHeapUsage(backend)!.liveBytes;
    expect(wasmHeapUsage(backend)!.peakBytes).toBe(before);
    const t = tf.zeros([1000, 25]);
    // A reshape shares the memory: counted once (tfjs's numBytes counts it twice).
    const r = tf.reshape(t, [25_000]);
    expect(wasmHeapUsage(backend)!.liveBytes).toBe(before + 100_000);
    tf.dispose([t, r]);
    expect(wasmHeapUsage(backend)).toEqual({ liveBytes: before, peakBytes: before + 100_000 });
    resetWasmHeapPeak(backend);
    expect(wasmHeapUsage(backend)!.peakBytes).toBe(before);
  });

  it('refuses a tensor the 4 GiB heap cannot hold with WasmHeapLimitError, allocating nothing', () => {
    const tensors = tf.memory().numTensors;
    // 4 GiB + 4 bytes: unguarded, Emscripten's malloc truncates the size to 4 bytes and serves it.
    expect(() => backend.makeOutput([2 ** 30 + 1], 'float32')).toThrow(WasmHeapLimitError);
    expect(() => tf.tidy(() => tf.add(tf.fill([2 ** 15, 2 ** 15], 1), 1))).toThrow(/needs 4\.0 GiB .* use the 'cpu' backend/);
    expect(tf.memory().numTensors).toBe(tensors);
    // The backend still works.
    expect(Array.from(tf.add(tf.tensor1d([1, 2]), 1).dataSync())).toEqual([2, 3]);
  });
});
