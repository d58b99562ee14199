/**
 * What `@gnnjs/backends` offers, the same in every environment; each entry
 * (browser, Node) binds it to its own table.
 */
import { backendUnavailableHere, setBackend, type BackendEnvironment, type BackendName } from '@gnnjs/core';
import type { BackendDiagnosis, BackendProbe, BackendRow, LoadedBackend, LoadOptions, ProbeOptions } from './backend_row.js';
import { diagnoseTable } from './diagnose_backends.js';
import { probeTable } from './probe_backends.js';

/** A backend name, or `'auto'` for the fastest that initialises. */
export type BackendChoice = BackendName | 'auto';

/** The functions of `@gnnjs/backends`, bound to one environment's table. */
export interface BackendApi {
  /** The backends this environment can run, fastest first (the order `'auto'` tries). */
  readonly BACKEND_TABLE: readonly BackendRow[];
  /** Their names, fastest first. */
  readonly BACKEND_NAMES: readonly BackendName[];
  /**
   * Loads a backend's package (and, in Node, Dawn or TensorFlow's binding) so
   * that core's `setBackend(name)` can start it; resolves to what runs it.
   *
   * @throws `BackendUnavailableError` with the reason and the install hint:
   *   a missing package, a missing driver, a backend made for another environment.
   * @example
   * ```ts
   * const { detail } = await loadBackend('wasm'); // 'WebAssembly on the CPU (tfjs-backend-wasm)'
   * ```
   */
  loadBackend(name: BackendName, options?: LoadOptions): Promise<LoadedBackend>;
  /**
   * Loads a backend and activates it with core's `setBackend`; for `'auto'`,
   * loads every backend of the table that loads (quietly skipping the others)
   * and lets core take the fastest that initialises. Resolves to the name now active.
   *
   * @throws `BackendUnavailableError` naming the backend, the reason and the fix.
   * @example
   * ```ts
   * const name = await useBackend('auto'); // e.g. 'wasm' on a machine without a GPU
   * ```
   */
  useBackend(name: BackendChoice, options?: LoadOptions): Promise<string>;
  /**
   * Loads and starts each backend of the table (or of `options.backends`),
   * one at a time and each bounded in time, and says which work and why the
   * others do not. The active backend is restored afterwards.
   *
   * @example
   * ```ts
   * for (const p of await probeBackends()) console.log(p.backend, p.available ? 'ok' : p.detail);
   * ```
   */
  probeBackends(options?: ProbeOptions): Promise<BackendProbe[]>;
  /**
   * The doctor: {@link BackendApi.probeBackends}, plus the backend `'auto'`
   * takes here and why it passed over the faster ones.
   *
   * @example
   * ```ts
   * process.stdout.write(formatBackendDiagnosis(await diagnoseBackends()));
   * ```
   */
  diagnoseBackends(options?: ProbeOptions): Promise<BackendDiagnosis>;
}

/**
 * Binds the functions to `table`.
 *
 * @example
 * ```ts
 * export const { loadBackend, useBackend } = backendApi('node', makeTable('node', NODE_LOADERS));
 * ```
 */
export function backendApi(environment: BackendEnvironment, table: readonly BackendRow[]): BackendApi {
  const loadBackend = async (name: BackendName, options: LoadOptions = {}): Promise<LoadedBackend> => {
    const row = table.find((r) => r.name === name);
    if (row === undefined) throw backendUnavailableHere(name, environment) ?? new Error(`@gnnjs/backends: '${name}' has no row here`);
    return row.load(options);
  };
  return {
    BACKEND_TABLE: table,
    BACKEND_NAMES: table.map((row) => row.name),
    loadBackend,
    async useBackend(name, options = {}) {
      if (name !== 'auto') {
        await loadBackend(name, options);
        return setBackend(name);
      }
      for (const row of table) {
        try {
          await row.load(options);
        } catch {
          // Not installed or not usable here: core's 'auto' skips what is not registered, and says why.
        }
      }
      return setBackend('auto');
    },
    probeBackends: (options) => probeTable(table, options),
    diagnoseBackends: (options) => diagnoseTable(table, options),
  };
}
