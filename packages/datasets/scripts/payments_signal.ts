/**
 * Writes the signal check's feature tables (scripts/payments_features.sql) of a
 * payments dataset folder as CSV (<out>.csv for fraud, <out>.churn.csv for
 * churn), for scripts/payments_signal.py and scripts/payments_churn_signal.py.
 *   node --import tsx scripts/payments_signal.ts <dataset dir> <out.csv>
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, out] = process.argv.slice(2);
if (dir === undefined || out === undefined) throw new Error('usage: payments_signal.ts <dataset dir> <out.csv>');
const here = dirname(fileURLToPath(import.meta.url));
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
for (const table of ['accounts', 'cards', 'devices', 'merchants', 'transactions', 'account_churn']) {
  await c.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${join(resolve(dir), `${table}.parquet`)}')`);
}
await c.run(readFileSync(join(here, 'payments_features.sql'), 'utf8'));
await c.run(`COPY features TO '${resolve(out)}' (FORMAT csv, HEADER true)`);
await c.run(`COPY churn_features TO '${resolve(out).replace(/\.csv$/, '')}.churn.csv' (FORMAT csv, HEADER true)`);
c.closeSync();
db.closeSync();
