/**
 * Typed errors of @gnnjs/relational. Each names the table and, where one is at
 * fault, the column, so that a user fixes the schema or the data without
 * reading DuckDB's own messages (which are kept in `cause`).
 */
import { GnnError } from '@gnnjs/core';

/** Base class of every error this package throws on purpose. */
export class RelationalError extends GnnError {
  override readonly name: string = 'RelationalError';
  /** The table at fault, when there is one. */
  readonly table: string | undefined;
  /** The column at fault, when there is one. */
  readonly column: string | undefined;
  constructor(message: string, where: { table?: string | undefined; column?: string | undefined; cause?: unknown } = {}) {
    const at = where.table === undefined ? '' : where.column === undefined ? `${where.table}: ` : `${where.table}.${where.column}: `;
    super(`${at}${message}`, where.cause === undefined ? undefined : { cause: where.cause });
    this.table = where.table;
    this.column = where.column;
  }
}

/** The schema itself is malformed: `path` is where in it, e.g. `tables.transactions.foreignKeys.account_id`. */
export class SchemaError extends RelationalError {
  override readonly name: string = 'SchemaError';
  readonly path: string;
  constructor(path: string, message: string, where: { table?: string; column?: string } = {}) {
    super(`schema ${path}: ${message}`, where);
    this.path = path;
  }
}

/** The schema names a table that no source provides. */
export class MissingTableError extends RelationalError {
  override readonly name: string = 'MissingTableError';
  constructor(table: string, detail: string) {
    super(`table not found (${detail})`, { table });
  }
}

/** The schema names a column that the table does not have. */
export class MissingColumnError extends RelationalError {
  override readonly name: string = 'MissingColumnError';
  /** The columns the table does have. */
  readonly available: readonly string[];
  constructor(table: string, column: string, role: string, available: readonly string[]) {
    super(`${role} column not found; the table has ${available.map((c) => `'${c}'`).join(', ')}`, { table, column });
    this.available = available;
  }
}

/** A primary key has duplicate or NULL values. */
export class DuplicateKeyError extends RelationalError {
  override readonly name: string = 'DuplicateKeyError';
  readonly duplicates: number;
  readonly nulls: number;
  /** Up to five duplicated key values, as text. */
  readonly examples: readonly string[];
  constructor(table: string, column: string, duplicates: number, nulls: number, examples: readonly string[]) {
    const parts = [
      duplicates > 0 ? `${duplicates} duplicate value(s)${examples.length > 0 ? ` (e.g. ${examples.join(', ')})` : ''}` : '',
      nulls > 0 ? `${nulls} NULL value(s)` : '',
    ].filter((p) => p !== '');
    super(`primary key has ${parts.join(' and ')}; a primary key must be unique and not NULL`, { table, column });
    this.duplicates = duplicates;
    this.nulls = nulls;
    this.examples = examples;
  }
}

/** Foreign-key values that match no row of the referenced table (with `onMissingForeignKey: 'error'`). */
export class ForeignKeyError extends RelationalError {
  override readonly name: string = 'ForeignKeyError';
  readonly references: string;
  readonly missing: number;
  readonly examples: readonly string[];
  constructor(table: string, column: string, references: string, missing: number, examples: readonly string[]) {
    super(
      `${missing} row(s) reference a missing ${references} row${examples.length > 0 ? ` (e.g. ${examples.join(', ')})` : ''}; ` +
        "fix the data or pass onMissingForeignKey: 'drop' to drop those edges with a warning",
      { table, column },
    );
    this.references = references;
    this.missing = missing;
    this.examples = examples;
  }
}

/** A column's DuckDB type cannot be encoded by the encoder chosen for it (automatically or by override). */
export class UnsupportedColumnTypeError extends RelationalError {
  override readonly name: string = 'UnsupportedColumnTypeError';
  readonly columnType: string;
  readonly encoder: string;
  constructor(table: string, column: string, columnType: string, encoder: string, hint: string) {
    super(`type ${columnType} cannot be encoded as ${encoder}; ${hint}`, { table, column });
    this.columnType = columnType;
    this.encoder = encoder;
  }
}

/** A source cannot be read: missing file, or a file that is not what its kind says (a CSV named .parquet, ...). */
export class SourceError extends RelationalError {
  override readonly name: string = 'SourceError';
  /** The file, folder, glob or connection that failed. */
  readonly source: string;
  constructor(table: string, source: string, message: string, cause?: unknown) {
    super(`cannot read ${source}: ${message}`, { table, cause });
    this.source = source;
  }
}

/** A DuckDB extension that a source needs is not installed (installing downloads it from the network). */
export class MissingExtensionError extends RelationalError {
  override readonly name: string = 'MissingExtensionError';
  readonly extension: string;
  constructor(extension: string, table: string | undefined, cause?: unknown) {
    super(
      `DuckDB extension '${extension}' is not installed. DuckDB downloads extensions from the network: run ` +
        `\`INSTALL ${extension}\` once on a machine with internet access (or pass installExtensions: true), ` +
        "or copy the extension into DuckDB's extension directory (DuckDB-Wasm: serve it and SET custom_extension_repository)",
      { table, cause },
    );
    this.extension = extension;
  }
}

/** Data that a step requires is invalid: NULL times, a binary target with other values than 0/1, bad split cut-offs. */
export class DataError extends RelationalError {
  override readonly name: string = 'DataError';
}
