/**
 * `PaymentsFraud.load`: the payments dataset as an opened `@gnnjs/relational`
 * database, generated on first use into a cache folder (one per generator
 * version, scale, seed and format) and read from there afterwards.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { OpenDatabaseOptions, RelationalDatabase, TemporalSplits } from '@gnnjs/relational';
import { DATA_ROOT_ENV, readEnv } from '../../download/env.js';
import { DatasetError } from '../../errors.js';
import { generatePayments } from '../generate.js';
import { PAYMENTS_GENERATOR_VERSION, resolvePaymentsOptions, type PaymentsOptions } from '../options.js';
import { PAYMENTS_TASKS, type PaymentsFormat, type PaymentsTask, type PaymentsTaskName } from '../schema.js';
import { removeStaleTempFolders } from './leftovers.js';
import { importRelational } from './relational.js';
import { MANIFEST_FILE, writePaymentsDataset, type PaymentsManifest } from './write.js';

export interface PaymentsFraudLoadOptions extends PaymentsOptions {
  /** Cache root: the dataset goes to `<root>/<folder>`. Default `$GNNJS_DATA_ROOT/payments`, else `~/.cache/gnnjs/payments`. */
  readonly root?: string | undefined;
  /** Which task's schema to open: `'fraud'` (default) or `'churn'`. */
  readonly task?: PaymentsTaskName | undefined;
  /** How the cache stores the tables: `'parquet'` (default), `'csv'` or `'duckdb'` (one database file). */
  readonly format?: PaymentsFormat | undefined;
  /** Passed to `openDatabase` (memory limit, threads, warnings …). */
  readonly database?: OpenDatabaseOptions | undefined;
}

/** An opened payments dataset. */
export interface PaymentsFraudDataset {
  /** The dataset folder. */
  readonly dir: string;
  readonly manifest: PaymentsManifest;
  readonly task: PaymentsTask;
  /** The tables in DuckDB, checked, with the task's target. */
  readonly database: RelationalDatabase;
  /** `database.split(task.split)`: train, validation and test snapshots. */
  split(): Promise<TemporalSplits>;
  /** Closes the database. */
  close(): Promise<void>;
}

/** The cache folder name of a generation: `payments-v<version>-scale<scale>-seed<seed>-<format>`. */
export function paymentsFolderName(scale: number, seed: number, format: PaymentsFormat): string {
  return `payments-v${PAYMENTS_GENERATOR_VERSION}-scale${scale}-seed${seed}-${format}`;
}

function defaultRoot(): string {
  const dataRoot = readEnv(DATA_ROOT_ENV);
  if (dataRoot !== undefined) return join(dataRoot, 'payments');
  return join(readEnv('XDG_CACHE_HOME') ?? join(homedir(), '.cache'), 'gnnjs', 'payments');
}

async function readManifest(dir: string): Promise<PaymentsManifest | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as PaymentsManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DatasetError(`the cached payments dataset in ${dir} is unreadable (delete the folder to regenerate it): ${(error as Error).message}`, MANIFEST_FILE);
  }
}

/** The synthetic payments-fraud dataset (see the README: "PaymentsFraud: how the data is made"). */
export const PaymentsFraud = {
  /**
   * Generates the dataset on first use (into a temporary folder renamed into
   * place: never half-written) and opens the task's schema with `@gnnjs/relational`,
   * an optional peer dependency: without it, a `MissingPackageError` before
   * anything is generated.
   *
   * @example
   * ```ts
   * import '@tensorflow/tfjs-backend-cpu';
   * import { PaymentsFraud } from '@gnnjs/datasets/node';
   * import { toHeteroGraph } from '@gnnjs/relational';
   *
   * const data = await PaymentsFraud.load({ scale: 0.01, seed: 0 });
   * const { train, val, test } = await data.split(); // days 0–120, 120–150, 150–180
   * await data.close();
   * const graph = toHeteroGraph(train.graph, { trainMask: train.mask });
   * graph.metadata(); // 5 node types; 12 edge types (6 foreign keys and their reverses)
   * graph.dispose();
   * ```
   */
  async load(options: PaymentsFraudLoadOptions = {}): Promise<PaymentsFraudDataset> {
    const { scale, seed } = resolvePaymentsOptions(options);
    const format = options.format ?? 'parquet';
    const taskName = options.task ?? 'fraud';
    const task = PAYMENTS_TASKS[taskName];
    if (task === undefined) throw new DatasetError(`PaymentsFraud: task must be 'fraud' or 'churn', got ${String(taskName)}`);
    const { openDatabase } = await importRelational('PaymentsFraud.load');
    const root = options.root ?? defaultRoot();
    const dir = join(root, paymentsFolderName(scale, seed, format));
    // Folders of writes that were killed before their rename (best effort: never fails the load).
    await removeStaleTempFolders(root);
    let manifest = await readManifest(dir);
    if (manifest === undefined) {
      const tables = generatePayments({ scale, seed, onProgress: options.onProgress });
      manifest = await writePaymentsDataset(tables, dir, { format, overwrite: true });
    }
    const database = await openDatabase(join(dir, task.schemaFile), options.database ?? {});
    return {
      dir,
      manifest,
      task,
      database,
      split: () => database.split(task.split),
      close: () => database.close(),
    };
  },
};
