/**
 * The playground's backends: `@gnnjs/backends`' browser table (webgpu when the
 * browser has `navigator.gpu`, wasm, cpu), with tfjs-wasm's binaries served
 * from this page's folder.
 */
// From tfjs itself, not @gnnjs/backend-wasm: the backend table imports that package when wasm is
// chosen, and a static import here would pull it into the page's first chunk.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export { diagnoseBackends, useBackend, type BackendDiagnosis } from '@gnnjs/backends';

// tfjs-backend-wasm fetches its binaries from here (the Vite build copies them next to the page).
setWasmPaths(new URL('tfjs-wasm/', document.baseURI).href);
