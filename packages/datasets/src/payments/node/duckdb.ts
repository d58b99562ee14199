/**
 * DuckDB's Node API for the payments writer, imported on first use: an
 * optional peer dependency of `@gnnjs/datasets` (see `relational.ts`).
 */
import type * as DuckDBApi from '@duckdb/node-api';
import type DuckDBBindings from '@duckdb/node-bindings';
import { importOptionalPeer } from './relational.js';

export const DUCKDB_PACKAGE = '@duckdb/node-api';

/** The two DuckDB modules the writer uses: the API and its low-level bindings (chunk copies). */
export interface DuckDBModules {
  readonly api: typeof DuckDBApi;
  readonly bindings: typeof DuckDBBindings;
}

/**
 * Imports DuckDB for `feature`, or throws a `MissingPackageError` naming
 * `@duckdb/node-api`.
 *
 * @example
 * ```ts
 * const duck = await importDuckDB('writePaymentsDataset');
 * const instance = await duck.api.DuckDBInstance.create(':memory:');
 * ```
 */
export async function importDuckDB(
  feature: string,
  importer: () => Promise<DuckDBModules> = async () => ({
    api: await import('@duckdb/node-api'),
    bindings: (await import('@duckdb/node-bindings')).default,
  }),
): Promise<DuckDBModules> {
  return importOptionalPeer(DUCKDB_PACKAGE, feature, importer);
}
