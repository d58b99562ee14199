/**
 * The payments dataset as columnar typed arrays, one interface per table.
 * Times are whole seconds from the start of the period (`PAYMENTS_START`,
 * negative before it); categorical columns are codes into `vocab.ts`'s lists;
 * `-1` is NULL in key columns and NaN in numbers.
 */
import type { ResolvedPaymentsOptions } from './options.js';

export interface AccountsTable {
  readonly count: number;
  readonly openedAt: Int32Array;
  /** `ACCOUNT_TYPES` code. */
  readonly accountType: Uint8Array;
  /** `REGIONS` code. */
  readonly region: Uint8Array;
  /** `KYC_LEVELS` code. */
  readonly kycLevel: Uint8Array;
  /** Age of the holder in years; NaN when unknown (businesses, some customers). */
  readonly holderAge: Float64Array;
  /** `EMAIL_DOMAINS` code. */
  readonly emailDomain: Uint8Array;
}

export interface CardsTable {
  readonly count: number;
  readonly accountId: Int32Array;
  /** `CARD_TYPES` code. */
  readonly cardType: Uint8Array;
  readonly issuedAt: Int32Array;
}

export interface DevicesTable {
  readonly count: number;
  /** `DEVICE_TYPES` code. */
  readonly deviceType: Uint8Array;
  readonly firstSeen: Int32Array;
}

export interface MerchantsTable {
  readonly count: number;
  /** `CATEGORIES` index. */
  readonly category: Uint8Array;
  readonly region: Uint8Array;
  /** 1 when it sells online. */
  readonly online: Uint8Array;
  /** 1 when it has a store. */
  readonly store: Uint8Array;
}

/** Sorted by time; the id is the row index. */
export interface TransactionsTable {
  readonly count: number;
  readonly time: Int32Array;
  readonly accountId: Int32Array;
  /** -1: no card (transfers). */
  readonly cardId: Int32Array;
  /** -1: no device (in store, cash). */
  readonly deviceId: Int32Array;
  /** -1: no merchant (transfers, cash). */
  readonly merchantId: Int32Array;
  /** The receiving account of a transfer, else -1. */
  readonly counterpartyId: Int32Array;
  readonly amount: Float64Array;
  /** `CHANNELS` code. */
  readonly channel: Uint8Array;
  /** `TRANSACTION_CATEGORIES` code. */
  readonly category: Uint8Array;
  /** The observed label (after label noise): what a model learns from. */
  readonly isFraud: Uint8Array;
}

/** Ground truth, one row per transaction that is fraud or labelled fraud: never a feature. */
export interface FraudTruthTable {
  readonly count: number;
  readonly transactionId: Int32Array;
  /** `FRAUD_PATTERNS` code; 0 (`none`) for legitimate transactions labelled fraud by noise. */
  readonly pattern: Uint8Array;
  /** Episode, ring, chain or breach number within the pattern (-1 for none). */
  readonly groupId: Int32Array;
  /** 1 when the transaction is really fraud. */
  readonly isFraud: Uint8Array;
  /** The label `transactions.is_fraud` carries. */
  readonly labelled: Uint8Array;
}

/** Ground truth per account (same ids as `accounts`): never a feature. */
export interface AccountTruthTable {
  readonly count: number;
  /** `ACCOUNT_ROLES` code. */
  readonly role: Uint8Array;
  /** Ring number, mule herder, or family number of customers sharing a family device; -1 otherwise. */
  readonly groupId: Int32Array;
  /** When the generator made the account stop transacting (seconds; `NEVER` when it does not). */
  readonly churnAt: Int32Array;
}

/** The churn task: one row per account active in the 30 days before a cut-off. */
export interface AccountChurnTable {
  readonly count: number;
  readonly accountId: Int32Array;
  /** The cut-off (seconds): features may use only what is known at this time. */
  readonly asOf: Int32Array;
  /** 1 when the account makes no transaction in the 30 days after `asOf`. */
  readonly churn: Uint8Array;
}

export interface PaymentsTables {
  readonly options: ResolvedPaymentsOptions;
  readonly accounts: AccountsTable;
  readonly cards: CardsTable;
  readonly devices: DevicesTable;
  readonly merchants: MerchantsTable;
  readonly transactions: TransactionsTable;
  readonly fraudTruth: FraudTruthTable;
  readonly accountTruth: AccountTruthTable;
  readonly accountChurn: AccountChurnTable;
}
