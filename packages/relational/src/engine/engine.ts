/**
 * The SQL engine behind a relational database: DuckDB, embedded. Node uses
 * `@duckdb/node-api`, browsers `@duckdb/duckdb-wasm`; everything above this
 * interface is the same code. Results cross the boundary as typed arrays
 * (`scan`) or, for small metadata queries only, as a few plain rows (`rows`).
 */
import type { InMemoryColumns } from '../schema/types.js';

/** The exact SQL type a scanned column must have (cast in the query): INTEGER, FLOAT or DOUBLE. */
export type ColumnKind = 'int32' | 'float32' | 'float64';

export type ScanColumn = Int32Array | Float32Array | Float64Array;

/** A value of a small metadata query: BIGINT and DECIMAL become numbers, timestamps epoch milliseconds. */
export type SqlScalar = number | string | boolean | null;

export interface SqlEngine {
  /** Which DuckDB build runs the SQL. */
  readonly name: 'duckdb-node' | 'duckdb-wasm';
  /** Whether paths are on a real file system that `pathKind` and `readHead` can see. */
  readonly hasFileSystem: boolean;
  /** Runs statements whose result is not needed. */
  run(sql: string): Promise<void>;
  /** A small result as rows (counts, column lists, statistics): never use it for data. */
  rows(sql: string): Promise<Record<string, SqlScalar>[]>;
  /**
   * Streams a result whose columns are non-NULL INTEGER/FLOAT/DOUBLE (as `kinds`
   * says) to `onChunk`, one vector at a time. The arrays are only valid during
   * the call: copy what is needed.
   */
  scan(sql: string, kinds: readonly ColumnKind[], onChunk: (columns: readonly ScanColumn[], rowCount: number) => void): Promise<void>;
  /** Creates table `name` from in-memory columns (`types`: DuckDB types by column, else inferred). */
  insertColumns(name: string, columns: InMemoryColumns, types?: Record<string, string>): Promise<void>;
  /** Whether a local path is a folder (`undefined`: not found, or the engine has no file system). */
  pathKind(path: string): Promise<'file' | 'folder' | undefined>;
  /** The first `bytes` bytes of a local file, to tell its format (`undefined`: no such file or no file system). */
  readHead(path: string, bytes: number): Promise<Uint8Array | undefined>;
  /** Frees the database. */
  close(): Promise<void>;
}

/** Byte width of each kind. */
export const KIND_BYTES: Record<ColumnKind, number> = { int32: 4, float32: 4, float64: 8 };

/** The DuckDB SQL type a scanned column must be cast to. */
export const KIND_SQL: Record<ColumnKind, string> = { int32: 'INTEGER', float32: 'FLOAT', float64: 'DOUBLE' };

/** A value of a metadata row as {@link SqlScalar}, the same from either DuckDB build (BIGINT to number, timestamps to epoch ms). */
export function sqlScalar(v: unknown): SqlScalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime();
  return String(v);
}
