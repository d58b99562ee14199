/**
 * `@gnnjs/datasets/node`: what needs Node's file system and DuckDB: the
 * payments dataset written to Parquet, CSV or a DuckDB file and loaded with `@gnnjs/relational`.
 */
export { PaymentsFraud, paymentsFolderName, type PaymentsFraudDataset, type PaymentsFraudLoadOptions } from './payments/node/payments_fraud.js';
export { writePaymentsDataset, MANIFEST_FILE, type PaymentsManifest, type WritePaymentsOptions } from './payments/node/write.js';
