/**
 * The published tables: the generator's typed arrays go into raw DuckDB tables
 * (`raw_<table>`), and one SELECT per table turns codes into strings, seconds
 * into TIMESTAMPs, -1 and NaN into NULL, 0/1 into BOOLEAN.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PAYMENTS_START_MS } from '../options.js';
import type { PaymentsTableName } from '../schema.js';
import type { PaymentsTables } from '../tables.js';
import {
  ACCOUNT_ROLES,
  ACCOUNT_TYPES,
  CARD_TYPES,
  CATEGORIES,
  CHANNELS,
  DEVICE_TYPES,
  EMAIL_DOMAINS,
  FRAUD_PATTERNS,
  KYC_LEVELS,
  REGIONS,
  TRANSACTION_CATEGORIES,
} from '../vocab.js';
import { NEVER } from '../world.js';
import { appendColumns, type RawColumn } from './append.js';
import type { DuckDBModules } from './duckdb.js';

const ids = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
const list = (values: readonly string[]): string => `[${values.map((v) => `'${v}'`).join(', ')}]`;
const code = (column: string, values: readonly string[]): string => `(${list(values)})[${column} + 1] AS ${column}`;
const timestamp = (column: string, as = column): string => `make_timestamp((${PAYMENTS_START_MS / 1000}::BIGINT + ${column}) * 1000000) AS ${as}`;
const key = (column: string): string => `nullif(${column}, -1) AS ${column}`;
const bool = (column: string, as = column): string => `${column} = 1 AS ${as}`;

/** Loads the generated arrays into `raw_<table>` tables. */
export async function loadRawTables(duck: DuckDBModules, connection: DuckDBConnection, t: PaymentsTables): Promise<void> {
  const raw: Record<PaymentsTableName, Record<string, RawColumn>> = {
    accounts: {
      id: ids(t.accounts.count),
      opened_at: t.accounts.openedAt,
      account_type: t.accounts.accountType,
      region: t.accounts.region,
      kyc_level: t.accounts.kycLevel,
      holder_age: t.accounts.holderAge,
      email_domain: t.accounts.emailDomain,
    },
    cards: { id: ids(t.cards.count), account_id: t.cards.accountId, card_type: t.cards.cardType, issued_at: t.cards.issuedAt },
    devices: { id: ids(t.devices.count), device_type: t.devices.deviceType, first_seen: t.devices.firstSeen },
    merchants: { id: ids(t.merchants.count), category: t.merchants.category, region: t.merchants.region, online: t.merchants.online, store: t.merchants.store },
    transactions: {
      id: ids(t.transactions.count),
      ts: t.transactions.time,
      account_id: t.transactions.accountId,
      card_id: t.transactions.cardId,
      device_id: t.transactions.deviceId,
      merchant_id: t.transactions.merchantId,
      counterparty_id: t.transactions.counterpartyId,
      amount: t.transactions.amount,
      channel: t.transactions.channel,
      category: t.transactions.category,
      is_fraud: t.transactions.isFraud,
    },
    account_churn: { id: ids(t.accountChurn.count), account_id: t.accountChurn.accountId, as_of: t.accountChurn.asOf, churn: t.accountChurn.churn },
    fraud_truth: {
      transaction_id: t.fraudTruth.transactionId,
      pattern: t.fraudTruth.pattern,
      group_id: t.fraudTruth.groupId,
      is_fraud: t.fraudTruth.isFraud,
      labelled: t.fraudTruth.labelled,
    },
    account_truth: { account_id: ids(t.accountTruth.count), role: t.accountTruth.role, group_id: t.accountTruth.groupId, churn_at: t.accountTruth.churnAt },
  };
  for (const [name, columns] of Object.entries(raw)) await appendColumns(duck, connection, `raw_${name}`, columns);
}

/** The SELECT that gives each published table from its raw table, ordered by key. */
export const PUBLISHED_SQL: Readonly<Record<PaymentsTableName, string>> = {
  accounts:
    `SELECT id, ${timestamp('opened_at')}, ${code('account_type', ACCOUNT_TYPES)}, ${code('region', REGIONS)}, ${code('kyc_level', KYC_LEVELS)}, ` +
    `CASE WHEN isnan(holder_age) THEN NULL ELSE holder_age::INTEGER END AS holder_age, ${code('email_domain', EMAIL_DOMAINS)} FROM raw_accounts ORDER BY id`,
  cards: `SELECT id, account_id, ${code('card_type', CARD_TYPES)}, ${timestamp('issued_at')} FROM raw_cards ORDER BY id`,
  devices: `SELECT id, ${code('device_type', DEVICE_TYPES)}, ${timestamp('first_seen')} FROM raw_devices ORDER BY id`,
  merchants:
    `SELECT id, ${code('category', CATEGORIES.map((c) => c.name))}, ${code('region', REGIONS)}, ${bool('online', 'is_online')}, ${bool('store', 'has_store')} ` +
    `FROM raw_merchants ORDER BY id`,
  transactions:
    `SELECT id, ${timestamp('ts')}, account_id, ${key('card_id')}, ${key('device_id')}, ${key('merchant_id')}, ${key('counterparty_id')}, amount, ` +
    `${code('channel', CHANNELS)}, ${code('category', TRANSACTION_CATEGORIES)}, ${bool('is_fraud')} FROM raw_transactions ORDER BY id`,
  account_churn: `SELECT id, account_id, ${timestamp('as_of')}, ${bool('churn')} FROM raw_account_churn ORDER BY id`,
  fraud_truth:
    `SELECT transaction_id, ${code('pattern', FRAUD_PATTERNS)}, ${key('group_id')}, ${bool('is_fraud')}, ${bool('labelled', 'labelled_fraud')} ` +
    `FROM raw_fraud_truth ORDER BY transaction_id`,
  account_truth:
    `SELECT account_id, ${code('role', ACCOUNT_ROLES)}, ${key('group_id')}, ` +
    `CASE WHEN churn_at >= ${NEVER} THEN NULL ELSE make_timestamp((${PAYMENTS_START_MS / 1000}::BIGINT + churn_at) * 1000000) END AS churned_at ` +
    `FROM raw_account_truth ORDER BY account_id`,
};
