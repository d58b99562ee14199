/**
 * Raw rows of the dataset folder for reports (what an analyst reads: amount,
 * time, channel), and the generator's ground truth of the fraud patterns:
 * small queries through DuckDB, never features.
 */
import { join } from 'node:path';
import { NodeDuckDBEngine, type SqlScalar } from '@gnnjs/relational';

export type RawRow = Record<string, SqlScalar>;

function tableSql(dir: string, format: string, table: string): string {
  const path = join(dir, `${table}.${format === 'csv' ? 'csv' : 'parquet'}`).replace(/'/g, "''");
  return format === 'csv' ? `read_csv_auto('${path}')` : `read_parquet('${path}')`;
}

/** Rows of `table` whose `key` column is one of `ids`, by id (at most a few hundred ids: a report's). */
export async function readRows(dir: string, format: string, table: string, key: string, ids: readonly number[]): Promise<Map<number, RawRow>> {
  const out = new Map<number, RawRow>();
  if (ids.length === 0) return out;
  const engine = await NodeDuckDBEngine.create({ threads: 1 });
  try {
    const list = [...new Set(ids)].map((i) => String(Math.trunc(i))).join(', ');
    const rows = await engine.rows(`SELECT * FROM ${tableSql(dir, format, table)} WHERE "${key}" IN (${list}) ORDER BY "${key}"`);
    for (const row of rows) out.set(Number(row[key]), row);
  } finally {
    await engine.close();
  }
  return out;
}
