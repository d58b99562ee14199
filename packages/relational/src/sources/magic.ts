/**
 * Tells a file's format from its first bytes, so that a CSV named `.parquet`
 * (or the reverse) fails with a message saying what the file is.
 */
import type { SqlEngine } from '../engine/engine.js';
import { SourceError } from '../errors.js';

export type FileFormat = 'parquet' | 'csv' | 'duckdb' | 'sqlite';

const ascii = (bytes: Uint8Array, from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to));

/** What the first bytes say the file is. */
export function sniffFormat(head: Uint8Array): FileFormat | 'empty' | 'binary' {
  if (head.length === 0) return 'empty';
  if (ascii(head, 0, 4) === 'PAR1') return 'parquet';
  if (ascii(head, 0, 15) === 'SQLite format 3') return 'sqlite';
  if (head.length >= 12 && ascii(head, 8, 12) === 'DUCK') return 'duckdb';
  return head.includes(0) ? 'binary' : 'csv';
}

const NAMES: Record<FileFormat | 'empty' | 'binary', string> = {
  parquet: 'a Parquet file',
  csv: 'text (CSV?)',
  duckdb: 'a DuckDB database',
  sqlite: 'a SQLite database',
  empty: 'empty',
  binary: 'binary data of an unknown format',
};

/** Throws `SourceError` when a file is not of the expected format. No-op without a file system. */
export async function checkMagic(engine: SqlEngine, table: string, path: string, expected: FileFormat): Promise<void> {
  const head = await engine.readHead(path, 4096);
  if (head === undefined) return;
  const found = sniffFormat(head);
  if (found === expected) return;
  throw new SourceError(table, path, `expected ${NAMES[expected].replace(' (CSV?)', '')}, but the file is ${NAMES[found]}`);
}
