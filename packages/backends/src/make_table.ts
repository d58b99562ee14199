/**
 * Joins core's facts with one environment's loaders: the rows, fastest first,
 * of the backends that run there.
 */
import { BACKEND_FACTS, BackendUnavailableError, backendEnvironments, backendInstallHint, setBackend, type BackendEnvironment, type BackendName } from '@gnnjs/core';
import type { BackendFails, BackendLoader, BackendProbe, BackendRow, LoadOptions } from './backend_row.js';
import { firstLine } from './import_package.js';
import { DEFAULT_TIMEOUT_MS, withinTime } from './within_time.js';

/**
 * The table of `environment`: one row per backend core's facts say runs
 * there, each with its loader from `loaders`.
 *
 * @example
 * ```ts
 * const table = makeTable('browser', BROWSER_LOADERS);
 * table.map((row) => row.name); // ['webgpu', 'wasm', 'cpu']
 * ```
 */
export function makeTable(environment: BackendEnvironment, loaders: Readonly<Partial<Record<BackendName, BackendLoader>>>): readonly BackendRow[] {
  return BACKEND_FACTS.filter((facts) => backendEnvironments(facts).includes(environment)).map((facts): BackendRow => {
    const loader = loaders[facts.name];
    if (loader === undefined) throw new Error(`@gnnjs/backends: no ${environment} loader for '${facts.name}'`);
    const hint = backendInstallHint(facts, environment) ?? `Install ${facts.packageName}.`;
    const needs = 'requires' in facts ? `It needs ${facts.requires}.` : `${facts.packageName}'s README lists what it needs.`;
    const load = async (options: LoadOptions = {}) => {
      const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      try {
        return await withinTime(loader(options), ms, () => new BackendUnavailableError(facts.name, `loading it took longer than ${ms} ms`, needs));
      } catch (error) {
        if (error instanceof BackendUnavailableError) throw error;
        throw new BackendUnavailableError(facts.name, `loading it failed: ${firstLine(error)}`, hint);
      }
    };
    const row: BackendRow = {
      ...facts,
      load,
      probe: async (options: LoadOptions = {}): Promise<BackendProbe> => {
        try {
          const { detail } = await load(options);
          const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
          await withinTime(setBackend(facts.name), ms, () => new BackendUnavailableError(facts.name, `starting it took longer than ${ms} ms`, needs));
          return { backend: facts.name, packageName: facts.packageName, available: true, detail };
        } catch (error) {
          return failedProbe(row, error);
        }
      },
    };
    return row;
  });
}

/** A failure as the doctor reports it: the reason, the fix, and a diagnosed cause when the package gave one. */
export function failedProbe(row: Pick<BackendRow, 'name' | 'packageName'>, error: unknown): BackendFails {
  const base = { backend: row.name, packageName: row.packageName, available: false } as const;
  if (!(error instanceof BackendUnavailableError)) return { ...base, detail: `probe failed: ${firstLine(error)}` };
  // @gnnjs/backend-node-gpu's NodeBackendUnavailableError carries its install diagnosis.
  const cause = (error as { diagnosis?: { cause?: unknown } }).diagnosis?.cause;
  return { ...base, detail: error.reason, fix: error.hint, ...(typeof cause === 'string' ? { cause } : {}) };
}
