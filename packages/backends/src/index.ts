/**
 * @gnnjs/backends in Node.js: every GNN.js backend in one table (webgpu
 * through Dawn, node-gpu and node through TensorFlow's binding, wasm, cpu),
 * with `loadBackend`, `useBackend`, `probeBackends` and the doctor,
 * `diagnoseBackends`. Browsers get `./browser.ts` through the `browser`
 * export condition: the same functions over webgpu, wasm and cpu.
 *
 * @example
 * ```ts
 * import { useBackend } from '@gnnjs/backends';
 * await useBackend('auto'); // loads what is installed, then core's setBackend('auto')
 * ```
 */
import { backendApi } from './backend_api.js';
import { NODE_LOADERS } from './loaders/node.js';
import { makeTable } from './make_table.js';

export const { BACKEND_TABLE, BACKEND_NAMES, loadBackend, useBackend, probeBackends, diagnoseBackends } = backendApi(
  'node',
  makeTable('node', NODE_LOADERS),
);
export { formatBackendDiagnosis } from './format_diagnosis.js';
export type { BackendApi, BackendChoice } from './backend_api.js';
export type * from './backend_row.js';
export type { BackendName, BackendFacts, BackendEnvironment } from '@gnnjs/core';
