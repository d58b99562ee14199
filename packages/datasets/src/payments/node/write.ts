/**
 * `writePaymentsDataset`: the generated tables as a dataset folder, through
 * DuckDB: one Parquet (or CSV) file per table or one DuckDB database file with
 * every table, the `@gnnjs/relational` schema of each task, and `dataset.json`
 * (options, row counts, tasks). Everything is written into a temporary sibling
 * folder that is renamed into place at the end, so a folder is either complete
 * or absent.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DatasetError } from '../../errors.js';
import { makeDirectory } from '../../node/bounded_fs.js';
import { PAYMENTS_DAYS, PAYMENTS_GENERATOR_VERSION, PAYMENTS_START, type PaymentsProgress } from '../options.js';
import { PAYMENTS_DUCKDB_FILE, PAYMENTS_FORMATS, PAYMENTS_TABLES, PAYMENTS_TASKS, paymentsSchema, type PaymentsFormat } from '../schema.js';
import type { PaymentsTables } from '../tables.js';
import { importDuckDB } from './duckdb.js';
import { loadRawTables, PUBLISHED_SQL } from './published.js';

export interface WritePaymentsOptions {
  /** How the tables are stored: `'parquet'` (default) or `'csv'` files per table, or `'duckdb'`: one `payments.duckdb` with every table. */
  readonly format?: PaymentsFormat | undefined;
  /** Replace a folder that is not empty (default: refuse). */
  readonly overwrite?: boolean | undefined;
  /** Called after each table is written. */
  readonly onProgress?: ((progress: PaymentsProgress) => void) | undefined;
}

/** `dataset.json`: what a dataset folder holds and how it was made. */
export interface PaymentsManifest {
  readonly name: 'PaymentsFraud';
  readonly generatorVersion: number;
  readonly scale: number;
  readonly seed: number;
  readonly format: PaymentsFormat;
  readonly start: string;
  readonly days: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly tasks: typeof PAYMENTS_TASKS;
  /** Tables that are ground truth: never features, not in any schema. */
  readonly groundTruth: readonly string[];
}

export const MANIFEST_FILE = 'dataset.json';

/**
 * `.<folder>.tmp-<pid>-<8 hex digits>`, and the same with `.old` while an
 * overwrite swaps folders: the temporary folders a write makes beside its
 * target. A killed write leaves one; `PaymentsFraud.load` removes it later.
 */
export const TEMP_FOLDER = /^\..+\.tmp-(\d+)-[0-9a-f]{8}(?:\.old)?$/;

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw new DatasetError(`cannot read the output folder ${dir}: ${(error as Error).message}`);
  }
}

const sqlString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Writes `tables` to the folder `dir` (created; it must be empty or absent
 * unless `overwrite`). Returns the manifest.
 *
 * @example
 * ```ts
 * import { generatePayments } from '@gnnjs/datasets';
 * import { writePaymentsDataset } from '@gnnjs/datasets/node';
 *
 * await writePaymentsDataset(generatePayments({ scale: 0.01 }), 'data/payments', { format: 'parquet' });
 * // data/payments/{accounts,cards,devices,merchants,transactions,account_churn,fraud_truth,account_truth}.parquet,
 * // schema.json (fraud), schema.churn.json (churn), dataset.json; with { format: 'duckdb' } one payments.duckdb
 * // holds the eight tables and the schemas point at it
 * ```
 */
export async function writePaymentsDataset(tables: PaymentsTables, dir: string, options: WritePaymentsOptions = {}): Promise<PaymentsManifest> {
  const format = options.format ?? 'parquet';
  if (!PAYMENTS_FORMATS.includes(format)) throw new DatasetError(`PaymentsFraud: format must be 'parquet', 'csv' or 'duckdb', got ${String(format)}`);
  // Before anything is made on disk: without DuckDB nothing can be written.
  const duck = await importDuckDB('writePaymentsDataset');
  const target = resolve(dir);
  if (!options.overwrite && !(await isEmptyOrMissing(target))) {
    throw new DatasetError(`the output folder ${target} is not empty (choose another folder, or overwrite)`);
  }
  // Level by level and bounded: Node 20's recursive mkdir never settles on paths like /proc/x.
  await makeDirectory(dirname(target));
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`); // TEMP_FOLDER
  const duckTemp = await mkdtemp(join(tmpdir(), 'gnnjs-payments-'));
  await mkdir(temp);
  try {
    const instance = await duck.api.DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', temp_directory: duckTemp });
    const connection = await instance.connect();
    try {
      await loadRawTables(duck, connection, tables);
      // The database file is made inside the temporary folder too: renamed into place with it.
      if (format === 'duckdb') await connection.run(`ATTACH ${sqlString(join(temp, PAYMENTS_DUCKDB_FILE))} AS published`);
      for (const [i, name] of PAYMENTS_TABLES.entries()) {
        if (format === 'duckdb') {
          await connection.run(`CREATE TABLE published.main.${name} AS ${PUBLISHED_SQL[name]}`);
        } else {
          const how = format === 'parquet' ? '(FORMAT parquet)' : '(FORMAT csv, HEADER true)';
          await connection.run(`COPY (${PUBLISHED_SQL[name]}) TO ${sqlString(join(temp, `${name}.${format}`))} ${how}`);
        }
        options.onProgress?.({ stage: `write ${name}`, fraction: (i + 1) / PAYMENTS_TABLES.length });
      }
      // Everything into the file itself (no write-ahead log beside it), then closed.
      if (format === 'duckdb') {
        await connection.run('CHECKPOINT published');
        await connection.run('DETACH published');
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    for (const task of Object.values(PAYMENTS_TASKS)) {
      await writeFile(join(temp, task.schemaFile), `${JSON.stringify(paymentsSchema(task.name, format), null, 2)}\n`);
    }
    const manifest: PaymentsManifest = {
      name: 'PaymentsFraud',
      generatorVersion: PAYMENTS_GENERATOR_VERSION,
      scale: tables.options.scale,
      seed: tables.options.seed,
      format,
      start: PAYMENTS_START,
      days: PAYMENTS_DAYS,
      rows: {
        accounts: tables.accounts.count,
        cards: tables.cards.count,
        devices: tables.devices.count,
        merchants: tables.merchants.count,
        transactions: tables.transactions.count,
        account_churn: tables.accountChurn.count,
        fraud_truth: tables.fraudTruth.count,
        account_truth: tables.accountTruth.count,
      },
      tasks: PAYMENTS_TASKS,
      groundTruth: ['fraud_truth', 'account_truth'],
    };
    // Written last: a folder with a manifest is complete.
    await writeFile(join(temp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await moveIntoPlace(temp, target);
    return manifest;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(`cannot write the payments dataset to ${target}: ${(error as Error).message}`);
  } finally {
    await rm(duckTemp, { recursive: true, force: true });
  }
}

/** Renames `temp` to `target`, replacing what is there (an empty folder, or anything with overwrite). */
async function moveIntoPlace(temp: string, target: string): Promise<void> {
  const old = `${temp}.old`;
  let moved = false;
  try {
    await rename(target, old);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(temp, target);
  if (moved) await rm(old, { recursive: true, force: true });
}
