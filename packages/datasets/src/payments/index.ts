/** The synthetic payments dataset: generator, vocabularies, schemas and tasks (browser-safe). */
export { generatePayments, FRAUD_RATE, PATTERN_SHARES } from './generate.js';
export {
  resolvePaymentsOptions,
  paymentsDay,
  PAYMENTS_START,
  PAYMENTS_DAYS,
  PAYMENTS_GENERATOR_VERSION,
  ACCOUNTS_PER_SCALE,
  TRANSACTIONS_PER_SCALE,
  MAX_SCALE,
  type PaymentsOptions,
  type PaymentsProgress,
  type ResolvedPaymentsOptions,
} from './options.js';
export {
  paymentsSchema,
  type PaymentsSchema,
  PAYMENTS_TASKS,
  PAYMENTS_TABLES,
  PAYMENTS_NODE_LABELS,
  PAYMENTS_GRAPH_TABLES,
  PAYMENTS_FORMATS,
  PAYMENTS_DUCKDB_FILE,
  type PaymentsFormat,
  type PaymentsTask,
  type PaymentsTaskName,
  type PaymentsTableName,
} from './schema.js';
export { CHURN_CUTOFF_DAYS, CHURN_WINDOW_DAYS } from './churn.js';
export { MISSED_FRAUD, FALSE_DISPUTES } from './finalize.js';
export {
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
  type CategorySpec,
  type FraudPattern,
} from './vocab.js';
export type * from './tables.js';
