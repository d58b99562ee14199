/**
 * @gnnjs/backends in a browser (the `browser` export condition): the same
 * functions as in Node over the backends a browser can run, webgpu through
 * `navigator.gpu`, wasm and cpu. A bundler sees only these loaders.
 *
 * @example
 * ```ts
 * import { diagnoseBackends } from '@gnnjs/backends';
 * const { backends, auto, autoReason } = await diagnoseBackends();
 * ```
 */
import { backendApi } from './backend_api.js';
import { BROWSER_LOADERS } from './loaders/browser.js';
import { makeTable } from './make_table.js';

export const { BACKEND_TABLE, BACKEND_NAMES, loadBackend, useBackend, probeBackends, diagnoseBackends } = backendApi(
  'browser',
  makeTable('browser', BROWSER_LOADERS),
);
export { formatBackendDiagnosis } from './format_diagnosis.js';
export type { BackendApi, BackendChoice } from './backend_api.js';
export type * from './backend_row.js';
export type { BackendName, BackendFacts, BackendEnvironment } from '@gnnjs/core';
