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
 */
import '@tensorflow/tfjs-backend-wasm';
import { wrapBackendFactory } from '@gnnjs/core';

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
  if (!hasProcessListeners()) return create();
  const before = new Map(EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  const backend = await create();
  for (const event of EVENTS) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)!.has(listener) && isEmscriptenRethrow(listener)) process.removeListener(event, listener);
    }
  }
  return backend;
});

export {
  BackendWasm,
  getThreadsCount,
  setThreadsCount,
  setWasmPaths,
  version_wasm,
} from '@tensorflow/tfjs-backend-wasm';
