/**
 * The Node engine: DuckDB through `@duckdb/node-api` (its native binary ships
 * in the npm package). Scans read each result vector's memory through
 * `@duckdb/node-bindings` as a typed-array view and hand it on; no JS value is
 * made per row.
 */
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';
import type { InMemoryColumns } from '../schema/types.js';
import { KIND_BYTES, sqlScalar, type ColumnKind, type ScanColumn, type SqlEngine, type SqlScalar } from './engine.js';
import { inMemoryPlan, type StagedColumn } from './in_memory.js';
import { SerialQueue } from './serial.js';
import { ident } from './sql.js';

export interface NodeEngineOptions {
  /** DuckDB's `memory_limit`, e.g. `'4GB'` (DuckDB's default: 80 % of RAM). */
  memoryLimit?: string;
  /** DuckDB's `threads` (default: every core). */
  threads?: number;
  /**
   * Where DuckDB spills what exceeds `memoryLimit` (sorts, joins, its tables).
   * Default: a fresh folder under the OS temp directory, removed by `close()`.
   */
  tempDirectory?: string;
}

function view(kind: ColumnKind, data: Uint8Array, rowCount: number): ScanColumn {
  // DuckDB's vectors are aligned allocations; copy when a view would be misaligned.
  const bytes = KIND_BYTES[kind];
  const aligned = data.byteOffset % bytes === 0 ? data : data.slice();
  if (kind === 'int32') return new Int32Array(aligned.buffer, aligned.byteOffset, rowCount);
  if (kind === 'float32') return new Float32Array(aligned.buffer, aligned.byteOffset, rowCount);
  return new Float64Array(aligned.buffer, aligned.byteOffset, rowCount);
}

function appendStaged(appender: DuckDBAppender, column: StagedColumn, row: number): void {
  const v = column.values[row];
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
    appender.appendNull();
    return;
  }
  switch (column.physical) {
    case 'DOUBLE':
      appender.appendDouble(Number(v));
      return;
    case 'BIGINT':
      appender.appendBigInt(typeof v === 'bigint' ? v : BigInt(v as number));
      return;
    case 'BOOLEAN':
      appender.appendBoolean(Boolean(v));
      return;
    case 'VARCHAR':
      appender.appendVarchar(String(v));
      return;
  }
}

/**
 * DuckDB in this Node process. Calls may overlap (`Promise.all` of scans):
 * they share one connection, so they run one after the other, in call order.
 *
 * @example
 * ```ts
 * const engine = await NodeDuckDBEngine.create({ memoryLimit: '4GB', threads: 4 });
 * const db = await openDatabase('data/payments/schema.json', { engine }); // queries of your own: db.engine.rows(sql)
 * await db.close();
 * await engine.close(); // openDatabase leaves an engine it was given open
 * ```
 */
export class NodeDuckDBEngine implements SqlEngine {
  readonly name = 'duckdb-node' as const;
  readonly hasFileSystem = true;
  readonly #queue = new SerialQueue();
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly ownTempDirectory: string | undefined,
  ) {}

  /** A fresh in-memory DuckDB. */
  static async create(options: NodeEngineOptions = {}): Promise<NodeDuckDBEngine> {
    const config: Record<string, string> = {};
    if (options.memoryLimit !== undefined) config['memory_limit'] = options.memoryLimit;
    if (options.threads !== undefined) config['threads'] = String(options.threads);
    // Never reach for the network on our behalf: extension installs stay the user's explicit choice.
    config['autoinstall_known_extensions'] = 'false';
    // An in-memory DuckDB would otherwise spill into `.tmp` under the current directory.
    const ownTemp = options.tempDirectory === undefined ? await mkdtemp(join(tmpdir(), 'gnnjs-duckdb-')) : undefined;
    config['temp_directory'] = options.tempDirectory ?? ownTemp!;
    try {
      const instance = await DuckDBInstance.create(':memory:', config);
      const connection = await instance.connect();
      return new NodeDuckDBEngine(instance, connection, ownTemp);
    } catch (error) {
      if (ownTemp !== undefined) await rm(ownTemp, { recursive: true, force: true });
      throw error;
    }
  }

  run(sql: string): Promise<void> {
    return this.#queue.run(() => this.#run(sql));
  }

  async #run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  rows(sql: string): Promise<Record<string, SqlScalar>[]> {
    return this.#queue.run(() => this.#rows(sql));
  }

  async #rows(sql: string): Promise<Record<string, SqlScalar>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => {
      const out: Record<string, SqlScalar> = {};
      for (const [key, value] of Object.entries(row)) out[key] = sqlScalar(value);
      return out;
    });
  }

  scan(sql: string, kinds: readonly ColumnKind[], onChunk: (columns: readonly ScanColumn[], rowCount: number) => void): Promise<void> {
    return this.#queue.run(() => this.#scan(sql, kinds, onChunk));
  }

  async #scan(sql: string, kinds: readonly ColumnKind[], onChunk: (columns: readonly ScanColumn[], rowCount: number) => void): Promise<void> {
    const result = await this.connection.stream(sql);
    if (result.columnCount !== kinds.length) {
      throw new Error(`internal: scan expected ${kinds.length} columns, the query returned ${result.columnCount}`);
    }
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const rowCount = chunk.rowCount;
      const columns = kinds.map((kind, i) => {
        const vector = bindings.data_chunk_get_vector(chunk.chunk, i);
        return view(kind, bindings.vector_get_data(vector, rowCount * KIND_BYTES[kind]), rowCount);
      });
      onChunk(columns, rowCount);
    }
  }

  insertColumns(name: string, columns: InMemoryColumns, types: Record<string, string> = {}): Promise<void> {
    return this.#queue.run(() => this.#insertColumns(name, columns, types));
  }

  async #insertColumns(name: string, columns: InMemoryColumns, types: Record<string, string>): Promise<void> {
    const plan = inMemoryPlan(name, columns, types);
    await this.#run(plan.createStage);
    const appender = await this.connection.createAppender(plan.stageName);
    try {
      for (let row = 0; row < plan.rowCount; row += 1) {
        for (const column of plan.columns) appendStaged(appender, column, row);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    await this.#run(plan.createFinal);
    await this.#run(`DROP TABLE ${ident(plan.stageName)}`);
  }

  async pathKind(path: string): Promise<'file' | 'folder' | undefined> {
    try {
      const s = await stat(path);
      return s.isDirectory() ? 'folder' : 'file';
    } catch {
      return undefined;
    }
  }

  async readHead(path: string, bytes: number): Promise<Uint8Array | undefined> {
    try {
      const handle = await open(path, 'r');
      try {
        const buffer = new Uint8Array(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch {
      return undefined;
    }
  }

  /** Closes once the calls made before it have finished. */
  close(): Promise<void> {
    return this.#queue.run(() => this.#close());
  }

  async #close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
    if (this.ownTempDirectory !== undefined) await rm(this.ownTempDirectory, { recursive: true, force: true });
  }
}
