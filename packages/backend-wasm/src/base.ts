/**
 * tfjs's WebAssembly backend, which this package extends: importing it
 * registers the `'wasm'` backend and tfjs's own wasm kernels. In Node its
 * `.wasm` binaries are found next to its `dist/` with no setup; browsers need
 * `setWasmPaths` (see the README).
 */
import '@tensorflow/tfjs-backend-wasm';

export {
  BackendWasm,
  getThreadsCount,
  setThreadsCount,
  setWasmPaths,
  version_wasm,
} from '@tensorflow/tfjs-backend-wasm';
