/**
 * The schema of a relational database as GNN.js reads it: tables with keys,
 * foreign keys, an optional time column, the prediction target and per-column
 * encoder overrides. Plain JSON-compatible data except the in-memory sources.
 */

/** A table's rows come from one of these; every kind is read by DuckDB. */
export type TableSource =
  /** A Parquet file, a folder of Parquet files (read recursively) or a glob. */
  | { kind: 'parquet'; path: string }
  /** A CSV file, folder or glob; DuckDB's sniffer detects the dialect unless given. */
  | { kind: 'csv'; path: string; delimiter?: string; header?: boolean }
  /** A table of a DuckDB database file, attached read-only. `table` defaults to the schema's table name. */
  | { kind: 'duckdb'; path: string; table?: string }
  /** A table of a SQLite file through DuckDB's `sqlite` extension (not bundled: see the README). */
  | { kind: 'sqlite'; path: string; table?: string }
  /** A Postgres table through DuckDB's `postgres` extension (not bundled: see the README). */
  | { kind: 'postgres'; connection: string; table?: string; schema?: string }
  /** In-memory columns of equal length, copied into DuckDB. */
  | { kind: 'arrays'; columns: InMemoryColumns; types?: Record<string, string> }
  /** An Apache Arrow table (any object with Arrow's `schema.fields` and `getChild(name).toArray()`). */
  | { kind: 'arrow'; table: ArrowTableLike; types?: Record<string, string> };

/** Where every table comes from unless the table names its own source. */
export type DatabaseSource =
  /** `path/<table>.parquet` or `path/<table>/` (a folder of Parquet files). */
  | { kind: 'parquet'; path: string }
  /** `path/<table>.csv` or `path/<table>/` (a folder of CSV files). */
  | { kind: 'csv'; path: string }
  /** Every table of a DuckDB database file (attached read-only). */
  | { kind: 'duckdb'; path: string }
  /** Every table of a SQLite file (DuckDB `sqlite` extension). */
  | { kind: 'sqlite'; path: string }
  /** Every table of a Postgres database (DuckDB `postgres` extension). */
  | { kind: 'postgres'; connection: string; schema?: string };

/** A column of an in-memory source. `null` (or NaN in a number array) is SQL NULL. */
export type InMemoryColumn =
  | Float64Array
  | Float32Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | readonly (number | null)[]
  | readonly (string | null)[]
  | readonly (boolean | null)[]
  | readonly (Date | null)[]
  | readonly (bigint | null)[];

export type InMemoryColumns = Record<string, InMemoryColumn>;

/** The part of an Apache Arrow `Table` this package uses (no dependency on apache-arrow). */
export interface ArrowTableLike {
  readonly numRows: number;
  /** Fields; a `type` printing as `Timestamp<…>` or `Date…` makes a TIMESTAMP column. */
  readonly schema: { readonly fields: readonly { readonly name: string; readonly type?: unknown }[] };
  getChild(name: string): ArrowVectorLike | null;
}

/** The part of an Apache Arrow `Vector` this package uses. */
export interface ArrowVectorLike extends Iterable<unknown> {
  readonly nullCount: number;
  toArray(): ArrayLike<unknown>;
}

/** How a column becomes features; `auto` picks from the DuckDB type (see the README's table). */
export type ColumnEncoder =
  | { type: 'auto' }
  /** Standardised with mean and standard deviation of the training rows; NULL/NaN → 0 plus a 0/1 missing flag. */
  | { type: 'numeric'; missingFlag?: 'auto' | 'always' }
  /**
   * Categories seen in the training rows; anything else (unseen, NULL) goes to slot 0, "unknown".
   * `onehot` writes 1 + K columns of x; `embedding` writes one index column of `categorical`;
   * `auto` is one-hot when 1 + K ≤ `oneHotMaxCardinality`.
   */
  | { type: 'categorical'; mode?: 'auto' | 'onehot' | 'embedding' }
  /** 0/1, NULL → 0 plus a missing flag. */
  | { type: 'boolean' }
  /** sin/cos of hour of day, day of week and month, plus age in days relative to the prediction time. */
  | { type: 'timestamp' }
  /** Free text: left out (`skip`, the default for `text`) or token counts hashed into `dims` buckets. */
  | { type: 'text'; mode?: 'skip' | 'hash'; dims?: number }
  /** Leave the column out. */
  | { type: 'skip' };

export type ColumnEncoderType = ColumnEncoder['type'];

export type TaskType = 'binary' | 'multiclass' | 'regression';

export interface TargetSchema {
  table: string;
  column: string;
  task: TaskType;
}

export interface TableSchema {
  /** Unique, non-NULL column; node ids are 0..n-1 in its ascending order. Without one, ids follow the source's row order and no foreign key may point here. */
  primaryKey?: string;
  /** Column of TIMESTAMP/DATE (or numbers in the user's own unit) at which a row becomes known. */
  time?: string;
  /** `{ account_id: 'accounts' }` or `{ account_id: 'accounts.id' }`: the column references that table's primary key. */
  foreignKeys?: Record<string, string>;
  /** Encoder overrides by column; other columns use `{ type: 'auto' }`. Keys, the time column's age and the target are never features. */
  columns?: Record<string, ColumnEncoder>;
  /** Where the rows come from; defaults to the schema's `source`. */
  source?: TableSource;
  /** Drop exact duplicate rows (in DuckDB) before keying, with a warning counting them; rows that share a key but differ still fail. */
  deduplicate?: boolean;
}

export interface EncoderDefaults {
  /** `categorical` with `mode: 'auto'` is one-hot up to this many columns (unknown slot included). Default 16. */
  oneHotMaxCardinality?: number;
  /** Buckets of `text` with `mode: 'hash'`. Default 32. */
  textHashDims?: number;
}

export interface RelationalSchema {
  tables: Record<string, TableSchema>;
  target?: TargetSchema;
  /** Default source of every table. */
  source?: DatabaseSource;
  encoders?: EncoderDefaults;
}
