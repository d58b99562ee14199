/**
 * The payments dataset's schemas for `@gnnjs/relational` (one per task) and
 * the tasks' targets and temporal splits. Plain data: browser-safe, and typed
 * without `@gnnjs/relational` (an optional peer dependency).
 */
import { CHURN_CUTOFF_DAYS } from './churn.js';
import { PAYMENTS_DAYS, paymentsDay } from './options.js';

export type PaymentsTaskName = 'fraud' | 'churn';
/** How the tables are stored: one Parquet or CSV file per table, or one DuckDB database file holding them all. */
export type PaymentsFormat = 'parquet' | 'csv' | 'duckdb';
export const PAYMENTS_FORMATS: readonly PaymentsFormat[] = ['parquet', 'csv', 'duckdb'];
/** The database file of the `'duckdb'` format, in the dataset folder. */
export const PAYMENTS_DUCKDB_FILE = 'payments.duckdb';

/** A prediction task on the dataset: its schema file, target and split cut-offs (ISO times, UTC). */
export interface PaymentsTask {
  readonly name: PaymentsTaskName;
  readonly description: string;
  readonly schemaFile: string;
  readonly target: { readonly table: string; readonly column: string; readonly task: 'binary' };
  /** For `RelationalDatabase.split`: rows with time ≤ train train, ≤ val validate, ≤ test test. */
  readonly split: { readonly train: string; readonly val: string; readonly test: string };
}

export const PAYMENTS_TASKS: Readonly<Record<PaymentsTaskName, PaymentsTask>> = {
  fraud: {
    name: 'fraud',
    description: 'Is a transaction fraud? Train on days 0–120, validate on 120–150, test on 150–180.',
    schemaFile: 'schema.json',
    target: { table: 'transactions', column: 'is_fraud', task: 'binary' },
    split: { train: paymentsDay(120), val: paymentsDay(150), test: paymentsDay(PAYMENTS_DAYS) },
  },
  churn: {
    name: 'churn',
    description:
      'Will an account that paid in the last 30 days make no payment in the next 30? One row per account and cut-off (days 90, 120, 150): train, validation, test.',
    schemaFile: 'schema.churn.json',
    target: { table: 'account_churn', column: 'churn', task: 'binary' },
    split: { train: paymentsDay(CHURN_CUTOFF_DAYS[0]), val: paymentsDay(CHURN_CUTOFF_DAYS[1]), test: paymentsDay(CHURN_CUTOFF_DAYS[2]) },
  },
};

/** Tables a graph is built from (ground-truth tables are never part of a schema). */
export const PAYMENTS_GRAPH_TABLES = ['accounts', 'cards', 'devices', 'merchants', 'transactions'] as const;
/** Every table the dataset folder holds. */
export const PAYMENTS_TABLES = [...PAYMENTS_GRAPH_TABLES, 'account_churn', 'fraud_truth', 'account_truth'] as const;
export type PaymentsTableName = (typeof PAYMENTS_TABLES)[number];
/** Short names of the node types, for labels in drawings ("tx 1234", "card 56"). */
export const PAYMENTS_NODE_LABELS: Readonly<Record<string, string>> = { transactions: 'tx', accounts: 'acct', cards: 'card', devices: 'device', merchants: 'merchant', account_churn: 'churn row' };

/**
 * The part of `@gnnjs/relational`'s `RelationalSchema` the payments schemas
 * use, written out so that this entry's types need no `@gnnjs/relational`
 * (a test checks that it is assignable to `RelationalSchema`).
 */
export interface PaymentsSchema {
  source: { kind: PaymentsFormat; path: string };
  tables: Record<string, { primaryKey: string; time?: string; foreignKeys?: Record<string, string>; columns?: Record<string, { type: 'skip' }> }>;
  target: { table: string; column: string; task: 'binary' };
}

/**
 * The `@gnnjs/relational` schema of a task, with its files in the schema file's
 * folder: `<table>.parquet` / `<table>.csv`, or the tables of `payments.duckdb`.
 */
export function paymentsSchema(task: PaymentsTaskName, format: PaymentsFormat = 'parquet'): PaymentsSchema {
  const tables: PaymentsSchema['tables'] = {
    accounts: { primaryKey: 'id' },
    cards: { primaryKey: 'id', foreignKeys: { account_id: 'accounts' } },
    devices: { primaryKey: 'id' },
    merchants: { primaryKey: 'id' },
    transactions: {
      primaryKey: 'id',
      time: 'ts',
      foreignKeys: { account_id: 'accounts', card_id: 'cards', device_id: 'devices', merchant_id: 'merchants', counterparty_id: 'accounts' },
      // For churn, fraud labels are another task's target, not a feature.
      ...(task === 'churn' ? { columns: { is_fraud: { type: 'skip' } } } : {}),
    },
  };
  if (task === 'churn') tables['account_churn'] = { primaryKey: 'id', time: 'as_of', foreignKeys: { account_id: 'accounts' } };
  const { target } = PAYMENTS_TASKS[task];
  const path = format === 'duckdb' ? PAYMENTS_DUCKDB_FILE : '.';
  return { source: { kind: format, path }, tables, target: { ...target } };
}
