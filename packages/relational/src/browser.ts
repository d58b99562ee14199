/**
 * @gnnjs/relational in the browser, on DuckDB-Wasm: the same schema, checks,
 * graph and splits as the Node entry. The application instantiates DuckDB-Wasm
 * (choosing its bundle and serving the .wasm and worker files) and passes it in;
 * files fetched by the page are registered with `db.registerFileBuffer(name, bytes)`
 * and named by `name` in a source's `path`.
 */
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import { RelationalDatabase } from './database/database.js';
import type { OpenOptions } from './database/catalog.js';
import { WasmDuckDBEngine } from './engine/wasm_engine.js';
import type { RelationalSchema } from './schema/types.js';

export * from './shared.js';
export { WasmDuckDBEngine } from './engine/wasm_engine.js';

/**
 * Opens a schema's tables in an instantiated DuckDB-Wasm database (one new
 * connection, closed by `close()`; the database itself stays the caller's).
 *
 * @example
 * ```ts
 * import * as duckdb from '@duckdb/duckdb-wasm';
 * const bundle = await duckdb.selectBundle(duckdb.getJsDelivrBundles());
 * const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(bundle.mainWorker!));
 * await db.instantiate(bundle.mainModule);
 * await db.registerFileBuffer('transactions.parquet', new Uint8Array(await (await fetch('/data/transactions.parquet')).arrayBuffer()));
 * const rdb = await openDatabase(db, { tables: { transactions: { primaryKey: 'id', source: { kind: 'parquet', path: 'transactions.parquet' } } } });
 * const graph = await rdb.toGraph();
 * ```
 */
export async function openDatabase(db: AsyncDuckDB, schema: RelationalSchema, options: OpenOptions = {}): Promise<RelationalDatabase> {
  const engine = await WasmDuckDBEngine.create(db);
  return RelationalDatabase.open(schema, engine, { ...options, ownsEngine: true });
}
