/**
 * Test-only: a hand-made payments database of a few rows per table, with
 * answers worked out by hand in the tests. Written as in-memory columns, and
 * by `writeHandMade` to Parquet, CSV and a DuckDB file through DuckDB itself.
 */
import { NodeDuckDBEngine } from '../engine/node_engine.js';
import { ident, literal } from '../engine/sql.js';
import type { InMemoryColumns, RelationalSchema, TableSchema } from '../schema/types.js';

const ts = (s: string): Date => new Date(`${s}Z`);

export const HAND_MADE: Record<'accounts' | 'merchants' | 'transactions', { columns: InMemoryColumns; types?: Record<string, string> }> = {
  accounts: {
    columns: {
      id: [30, 10, 20],
      kind: ['retail', 'business', 'retail'],
      balance: [100, null, 300],
      opened_at: [ts('2023-01-15T10:00:00'), ts('2022-06-01T00:00:00'), ts('2024-03-01T00:00:00')],
      vip: [true, false, null],
    },
    types: { balance: 'DOUBLE' },
  },
  merchants: {
    columns: { id: ['m2', 'm1'], category: ['travel', 'food'] },
  },
  transactions: {
    columns: {
      id: [1, 2, 3, 4, 5],
      account_id: [10, 20, 30, 10, 20],
      merchant_id: ['m1', 'm1', 'm2', 'm2', 'm2'],
      ts: [ts('2024-01-01T08:00:00'), ts('2024-01-02T12:00:00'), ts('2024-01-03T18:00:00'), ts('2024-02-01T09:00:00'), ts('2024-03-01T10:00:00')],
      amount: [10, 20, 30, 1000, 5000],
      channel: ['web', 'pos', 'web', 'atm', 'pos'],
      is_fraud: [false, false, true, true, false],
    },
    types: { amount: 'DOUBLE' },
  },
};

export const HAND_MADE_TABLES: Record<string, TableSchema> = {
  accounts: { primaryKey: 'id' },
  merchants: { primaryKey: 'id' },
  transactions: { primaryKey: 'id', time: 'ts', foreignKeys: { account_id: 'accounts.id', merchant_id: 'merchants' } },
};

/** The schema over in-memory sources. */
export function handMadeSchema(): RelationalSchema {
  const tables: Record<string, TableSchema> = {};
  for (const [name, t] of Object.entries(HAND_MADE_TABLES)) {
    const data = HAND_MADE[name as keyof typeof HAND_MADE];
    tables[name] = { ...t, source: { kind: 'arrays', columns: data.columns, ...(data.types === undefined ? {} : { types: data.types }) } };
  }
  return { tables, target: { table: 'transactions', column: 'is_fraud', task: 'binary' } };
}

/** Writes the hand-made tables to `dir` as `<table>.parquet`, `<table>.csv` and `db.duckdb`. */
export async function writeHandMade(dir: string): Promise<void> {
  const engine = await NodeDuckDBEngine.create({ threads: 1 });
  try {
    await engine.run(`ATTACH ${literal(`${dir}/db.duckdb`)} AS out`);
    for (const [name, data] of Object.entries(HAND_MADE)) {
      await engine.insertColumns(name, data.columns, data.types);
      await engine.run(`COPY ${ident(name)} TO ${literal(`${dir}/${name}.parquet`)} (FORMAT parquet)`);
      await engine.run(`COPY ${ident(name)} TO ${literal(`${dir}/${name}.csv`)} (FORMAT csv, HEADER)`);
      await engine.run(`CREATE TABLE out.${ident(name)} AS SELECT * FROM ${ident(name)}`);
    }
    await engine.run('DETACH out');
  } finally {
    await engine.close();
  }
}
