/**
 * @gnnjs/relational: tables in DuckDB (CSV, Parquet, DuckDB, SQLite, Postgres,
 * in-memory arrays or Arrow) become a heterogeneous graph, with encoders fitted
 * on training rows and leak-free temporal splits. This is the Node entry,
 * on `@duckdb/node-api`; `@gnnjs/relational/browser` runs on DuckDB-Wasm.
 */
import { RelationalDatabase } from './database/database.js';
import type { OpenOptions } from './database/catalog.js';
import type { SqlEngine } from './engine/engine.js';
import { NodeDuckDBEngine, type NodeEngineOptions } from './engine/node_engine.js';
import { loadSchema } from './schema/load_schema.js';
import type { RelationalSchema } from './schema/types.js';

export * from './shared.js';
export { NodeDuckDBEngine, type NodeEngineOptions } from './engine/node_engine.js';
export { loadSchema } from './schema/load_schema.js';

export interface OpenDatabaseOptions extends OpenOptions, NodeEngineOptions {
  /** Run in this engine instead of a fresh in-memory DuckDB (which `close()` then leaves open). */
  engine?: SqlEngine;
}

/**
 * Opens a schema's tables in DuckDB and checks them: every table and column it
 * names exists, keys are unique, foreign keys resolve, every column has an
 * encoder. `schema` is a schema object or the path of a JSON schema file.
 *
 * @example
 * ```ts
 * const db = await openDatabase({
 *   source: { kind: 'parquet', path: 'data/payments' }, // data/payments/<table>.parquet or <table>/
 *   tables: {
 *     accounts: { primaryKey: 'id' },
 *     transactions: { primaryKey: 'id', time: 'ts', foreignKeys: { account_id: 'accounts' } },
 *   },
 *   target: { table: 'transactions', column: 'is_fraud', task: 'binary' },
 * });
 * const { train, val, test } = await db.split({ train: '2024-09-01', val: '2024-10-01', test: '2024-11-01' });
 * await db.close();
 * ```
 */
export async function openDatabase(schema: RelationalSchema | string, options: OpenDatabaseOptions = {}): Promise<RelationalDatabase> {
  const resolved = typeof schema === 'string' ? await loadSchema(schema) : schema;
  const { engine, memoryLimit, threads, tempDirectory, ...open } = options;
  if (engine !== undefined) return RelationalDatabase.open(resolved, engine, { ...open, ownsEngine: false });
  const engineOptions: NodeEngineOptions = {};
  if (memoryLimit !== undefined) engineOptions.memoryLimit = memoryLimit;
  if (threads !== undefined) engineOptions.threads = threads;
  if (tempDirectory !== undefined) engineOptions.tempDirectory = tempDirectory;
  const created = await NodeDuckDBEngine.create(engineOptions);
  return RelationalDatabase.open(resolved, created, { ...open, ownsEngine: true });
}
