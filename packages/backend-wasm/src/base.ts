/**
 * tfjs's WebAssembly backend, which this package extends: importing it
 * registers the `'wasm'` backend and tfjs's own wasm kernels. In Node its
 * `.wasm` binaries are found next to its `dist/` with no setup; browsers need
 * `setWasmPaths` (see the README).
 *
 * In Node, tfjs-backend-wasm's Emscripten glue installs process-wide
 * `uncaughtException` and `unhandledRejection` listeners when the backend
 * initialises, which rethrow every error. Node then prints the rethrow's
 * source line before the message, and that line is the glue's (the whole
 * minified bundle where the bundle is one line, ~30 KB), and exits with code 7.
 * They serve only Emscripten's own `exit()`, which tfjs never calls, so they
 * are removed as soon as the backend is created: an uncaught error is then
 * reported by Node as usual (the message, its stack, exit code 1).
 *
 * Every backend also gets `installHeapGuard`: work that does not fit in the
 * 4 GiB heap throws `WasmHeapLimitError` instead of failing inside
 * WebAssembly.
 */
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { wrapBackendFactory } from '@gnnjs/core';
import { installHeapGuard } from './memory/heap_guard.js';

type Listener = (...args: unknown[]) => void;
const EVENTS: readonly string[] = ['uncaughtException', 'unhandledRejection'];

/** `process.listeners` without Node's per-event overloads. */
const listenersOf = (event: string): Listener[] => (process.listeners as (e: string) => Listener[])(event);

/** Emscripten's: `function(ex){if(!(ex instanceof ExitStatus)){throw ex}}` and `function(reason){throw reason}`. */
function isEmscriptenRethrow(listener: Listener): boolean {
  const source = Function.prototype.toString.call(listener).replace(/\s+/g, ' ');
  return source.includes('ExitStatus') || /^function ?\(\w+\) ?\{ ?throw \w+;? ?\}$/.test(source);
}

function hasProcessListeners(): boolean {
  return typeof process !== 'undefined' && typeof process.listeners === 'function';
}

wrapBackendFactory('wasm', (create) => async () => {
  const before = hasProcessListeners() ? new Map(EVENTS.map((event) => [event, new Set(listenersOf(event))])) : undefined;
  const backend = await create();
  if (before !== undefined) {
    for (const event of EVENTS) {
      for (const listener of listenersOf(event)) {
        if (!before.get(event)!.has(listener) && isEmscriptenRethrow(listener)) process.removeListener(event, listener);
      }
    }
  }
  installHeapGuard(backend as BackendWasm);
  return backend;
});

export {
  WASM_HEAP_LIMIT_BYTES,
  WasmHeapLimitError,
  assertFitsWasmHeap,
} from './memory/heap_limit.js';
export { resetWasmHeapPeak, wasmHeapUsage } from './memory/heap_guard.js';
export {
  BackendWasm,
  getThreadsCount,
  setThreadsCount,
  setWasmPaths,
  version_wasm,
} from '@tensorflow/tfjs-backend-wasm';
