/**
 * The browser engine: DuckDB-Wasm (`@duckdb/duckdb-wasm`), in a Web Worker the
 * application starts (it chooses the bundle and serves the .wasm file).
 * Results arrive as Arrow record batches; each INTEGER/FLOAT/DOUBLE column of a
 * batch is already a typed array and is handed on without a per-row value.
 */
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { InMemoryColumns } from '../schema/types.js';
import { sqlScalar, type ColumnKind, type ScanColumn, type SqlEngine, type SqlScalar } from './engine.js';
import { inMemoryPlan, type StagedColumn } from './in_memory.js';
import { SerialQueue } from './serial.js';
import { ident, literal } from './sql.js';

const INSERT_BATCH = 500;

function valueSql(column: StagedColumn, row: number): string {
  const v = column.values[row];
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return 'NULL';
  switch (column.physical) {
    case 'DOUBLE': {
      const n = Number(v);
      return Number.isFinite(n) ? `${n}::DOUBLE` : `'${n > 0 ? 'inf' : '-inf'}'::DOUBLE`;
    }
    case 'BIGINT':
      return `${typeof v === 'bigint' ? v : BigInt(v as number)}::BIGINT`;
    case 'BOOLEAN':
      return v ? 'true' : 'false';
    case 'VARCHAR':
      return literal(String(v));
  }
}

/** DuckDB-Wasm behind the same interface as Node's DuckDB; overlapping calls run one after the other on its one connection. */
export class WasmDuckDBEngine implements SqlEngine {
  readonly name = 'duckdb-wasm' as const;
  readonly hasFileSystem = false;
  readonly #queue = new SerialQueue();
  private constructor(
    /** The database, e.g. to `registerFileBuffer` Parquet or CSV bytes under a name a source then uses as its path. */
    readonly db: AsyncDuckDB,
    private readonly connection: AsyncDuckDBConnection,
  ) {}

  /** A connection to an instantiated DuckDB-Wasm database. */
  static async create(db: AsyncDuckDB): Promise<WasmDuckDBEngine> {
    return new WasmDuckDBEngine(db, await db.connect());
  }

  run(sql: string): Promise<void> {
    return this.#queue.run(() => this.#run(sql));
  }

  async #run(sql: string): Promise<void> {
    await this.connection.query(sql);
  }

  rows(sql: string): Promise<Record<string, SqlScalar>[]> {
    return this.#queue.run(() => this.#rows(sql));
  }

  async #rows(sql: string): Promise<Record<string, SqlScalar>[]> {
    const table = await this.connection.query(sql);
    return table.toArray().map((row: { toJSON(): Record<string, unknown> }) => {
      const out: Record<string, SqlScalar> = {};
      for (const [key, value] of Object.entries(row.toJSON())) out[key] = sqlScalar(value);
      return out;
    });
  }

  scan(sql: string, kinds: readonly ColumnKind[], onChunk: (columns: readonly ScanColumn[], rowCount: number) => void): Promise<void> {
    return this.#queue.run(() => this.#scan(sql, kinds, onChunk));
  }

  async #scan(sql: string, kinds: readonly ColumnKind[], onChunk: (columns: readonly ScanColumn[], rowCount: number) => void): Promise<void> {
    const reader = await this.connection.send(sql);
    for await (const batch of reader) {
      if (batch.numCols !== kinds.length) throw new Error(`internal: scan expected ${kinds.length} columns, the query returned ${batch.numCols}`);
      const columns = kinds.map((_, i) => batch.getChildAt(i)!.toArray() as ScanColumn);
      onChunk(columns, batch.numRows);
    }
  }

  insertColumns(name: string, columns: InMemoryColumns, types: Record<string, string> = {}): Promise<void> {
    return this.#queue.run(() => this.#insertColumns(name, columns, types));
  }

  async #insertColumns(name: string, columns: InMemoryColumns, types: Record<string, string>): Promise<void> {
    const plan = inMemoryPlan(name, columns, types);
    await this.#run(plan.createStage);
    for (let start = 0; start < plan.rowCount; start += INSERT_BATCH) {
      const end = Math.min(plan.rowCount, start + INSERT_BATCH);
      const tuples: string[] = [];
      for (let row = start; row < end; row += 1) tuples.push(`(${plan.columns.map((c) => valueSql(c, row)).join(', ')})`);
      await this.#run(`INSERT INTO ${ident(plan.stageName)} VALUES ${tuples.join(', ')}`);
    }
    await this.#run(plan.createFinal);
    await this.#run(`DROP TABLE ${ident(plan.stageName)}`);
  }

  async pathKind(): Promise<undefined> {
    return undefined;
  }

  async readHead(): Promise<undefined> {
    return undefined;
  }

  /** Closes once the calls made before it have finished. */
  close(): Promise<void> {
    return this.#queue.run(() => this.connection.close());
  }
}
