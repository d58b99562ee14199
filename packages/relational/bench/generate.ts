/**
 * Generates the benchmark's payments tables as Parquet with DuckDB SQL
 * (`range()` and `hash()`, so the same row count gives the same files):
 * `transactions.parquet` (`rows` rows over one year), `accounts.parquet`
 * (rows / 20) and `merchants.parquet` (10 000). Files that exist are kept.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { NodeDuckDBEngine } from '../src/index.js';

export const BENCH_TABLES = {
  accounts: { primaryKey: 'id' },
  merchants: { primaryKey: 'id' },
  transactions: { primaryKey: 'id', time: 'ts', foreignKeys: { account_id: 'accounts', merchant_id: 'merchants' } },
} as const;

export const BENCH_TARGET = { table: 'transactions', column: 'is_fraud', task: 'binary' } as const;

const SQL = {
  accounts: (n: number) =>
    `SELECT i AS id, ['retail', 'business', 'student'][1 + i % 3] AS kind, TIMESTAMP '2020-01-01' + to_days((hash(i) % 1400)::INTEGER) AS opened_at, ` +
    `(hash(i + 1) % 1000000) / 100.0 AS credit_limit FROM range(${n}) t(i)`,
  merchants: (n: number) => `SELECT i AS id, 'mcc_' || (hash(i) % 40)::VARCHAR AS category, hash(i + 7) % 2 = 0 AS online FROM range(${n}) t(i)`,
  transactions: (rows: number, accounts: number, merchants: number) =>
    `SELECT i AS id, (hash(2 * i) % ${accounts})::BIGINT AS account_id, (hash(3 * i) % ${merchants})::BIGINT AS merchant_id, ` +
    `TIMESTAMP '2024-01-01' + to_seconds((i * (31536000 / ${rows}))::BIGINT) AS ts, (hash(5 * i) % 100000) / 100.0 AS amount, ` +
    `['web', 'pos', 'atm', 'app'][(1 + hash(7 * i) % 4)::BIGINT] AS channel, hash(11 * i) % 100 = 0 AS is_fraud FROM range(${rows}) t(i)`,
};

/** Writes the three tables for `rows` transactions under `dir/tx-<rows>/`; returns that folder. */
export async function generatePayments(dir: string, rows: number): Promise<string> {
  const out = join(dir, `tx-${rows}`);
  mkdirSync(out, { recursive: true });
  const accounts = Math.max(1, Math.floor(rows / 20));
  const merchants = 10_000;
  const engine = await NodeDuckDBEngine.create();
  try {
    const tables: [string, string][] = [
      ['accounts', SQL.accounts(accounts)],
      ['merchants', SQL.merchants(merchants)],
      ['transactions', SQL.transactions(rows, accounts, merchants)],
    ];
    for (const [name, sql] of tables) {
      const file = join(out, `${name}.parquet`);
      if (existsSync(file)) continue;
      // Temp file + rename: an interrupted run never leaves a half-written table behind.
      const tmp = `${file}.tmp-${process.pid}`;
      await engine.run(`COPY (${sql}) TO '${tmp}' (FORMAT parquet)`);
      renameSync(tmp, file);
    }
  } finally {
    await engine.close();
  }
  return out;
}
