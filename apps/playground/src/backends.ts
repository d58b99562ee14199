/**
 * The playground's backends: `@gnnjs/backends`' browser table (webgpu when the
 * browser has `navigator.gpu`, wasm, cpu), with tfjs-wasm's binaries served
 * from this page's folder.
 */
import { setWasmPaths } from '@gnnjs/backend-wasm';

export { diagnoseBackends, useBackend, type BackendDiagnosis } from '@gnnjs/backends';

// tfjs-backend-wasm fetches its binaries from here (the Vite build copies them next to the page).
setWasmPaths(new URL('tfjs-wasm/', document.baseURI).href);
