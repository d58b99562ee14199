/**
 * Typed-array columns into a DuckDB table, a vector at a time: each column's
 * bytes are copied straight into DuckDB's data chunks (no JS value per row).
 */
import type { DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import type { DuckDBModules } from './duckdb.js';

export type RawColumn = Int32Array | Float64Array | Uint8Array;

const VECTOR_SIZE = 2048;

function duckType({ api }: DuckDBModules, column: RawColumn): DuckDBType {
  if (column instanceof Int32Array) return api.INTEGER;
  if (column instanceof Float64Array) return api.DOUBLE;
  return api.UTINYINT;
}

/** SQL name of a column's type. */
export function sqlType(column: RawColumn): string {
  if (column instanceof Int32Array) return 'INTEGER';
  if (column instanceof Float64Array) return 'DOUBLE';
  return 'UTINYINT';
}

/** Creates table `name` with `columns` (all of one length) and fills it. */
export async function appendColumns(
  duck: DuckDBModules,
  connection: DuckDBConnection, name: string, columns: Readonly<Record<string, RawColumn>>): Promise<void> {
  const entries = Object.entries(columns);
  const length = entries[0]![1].length;
  for (const [column, values] of entries) {
    if (values.length !== length) throw new Error(`internal: column ${name}.${column} has ${values.length} rows, expected ${length}`);
  }
  await connection.run(`CREATE TABLE "${name}" (${entries.map(([c, v]) => `"${c}" ${sqlType(v)}`).join(', ')})`);
  const types = entries.map(([, v]) => duckType(duck, v));
  const appender = await connection.createAppender(name);
  try {
    for (let start = 0; start < length; start += VECTOR_SIZE) {
      const size = Math.min(VECTOR_SIZE, length - start);
      const chunk = duck.api.DuckDBDataChunk.create(types, size);
      entries.forEach(([, values], i) => {
        const bytes = values.BYTES_PER_ELEMENT;
        const vector = duck.bindings.data_chunk_get_vector(chunk.chunk, i);
        duck.bindings.copy_data_to_vector(vector, 0, values.buffer as ArrayBuffer, values.byteOffset + start * bytes, size * bytes);
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
