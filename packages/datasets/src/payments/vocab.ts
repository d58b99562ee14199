/**
 * The categorical vocabularies of the payments dataset. Columns hold small
 * integer codes while generating; the writer turns them into these strings.
 */

/** A merchant category: how often merchants have it, how purchases there are priced, whether it sells online. */
export interface CategorySpec {
  readonly name: string;
  /** Share of merchants. */
  readonly merchantShare: number;
  /** Share of a typical customer's purchases. */
  readonly spendShare: number;
  /** Median amount and the log-normal sigma of a purchase. */
  readonly median: number;
  readonly sigma: number;
  /** Share of its merchants that sell online only (the rest are stores, a fifth of which also sell online). */
  readonly onlineOnly: number;
}

export const CATEGORIES: readonly CategorySpec[] = [
  { name: 'grocery', merchantShare: 0.16, spendShare: 0.2, median: 42, sigma: 0.6, onlineOnly: 0.05 },
  { name: 'restaurant', merchantShare: 0.15, spendShare: 0.15, median: 28, sigma: 0.6, onlineOnly: 0.05 },
  { name: 'fuel', merchantShare: 0.07, spendShare: 0.08, median: 48, sigma: 0.4, onlineOnly: 0 },
  { name: 'fashion', merchantShare: 0.1, spendShare: 0.08, median: 65, sigma: 0.8, onlineOnly: 0.3 },
  { name: 'electronics', merchantShare: 0.06, spendShare: 0.05, median: 180, sigma: 1.1, onlineOnly: 0.4 },
  { name: 'travel', merchantShare: 0.04, spendShare: 0.03, median: 320, sigma: 0.9, onlineOnly: 0.6 },
  { name: 'digital_goods', merchantShare: 0.07, spendShare: 0.08, median: 9, sigma: 1.0, onlineOnly: 1 },
  { name: 'gaming', merchantShare: 0.04, spendShare: 0.04, median: 14, sigma: 1.1, onlineOnly: 1 },
  { name: 'pharmacy', merchantShare: 0.06, spendShare: 0.05, median: 24, sigma: 0.7, onlineOnly: 0.1 },
  { name: 'utilities', merchantShare: 0.03, spendShare: 0.04, median: 85, sigma: 0.5, onlineOnly: 1 },
  { name: 'jewelry', merchantShare: 0.03, spendShare: 0.01, median: 260, sigma: 1.1, onlineOnly: 0.3 },
  { name: 'gift_cards', merchantShare: 0.03, spendShare: 0.03, median: 50, sigma: 0.9, onlineOnly: 0.7 },
  { name: 'transport', merchantShare: 0.06, spendShare: 0.08, median: 6, sigma: 0.8, onlineOnly: 0.5 },
  { name: 'marketplace', merchantShare: 0.05, spendShare: 0.07, median: 45, sigma: 1.1, onlineOnly: 1 },
  { name: 'crypto', merchantShare: 0.01, spendShare: 0.015, median: 200, sigma: 1.3, onlineOnly: 1 },
];

/** Category codes used in code. */
export const CAT = Object.fromEntries(CATEGORIES.map((c, i) => [c.name, i])) as Record<string, number>;
/** Transaction categories beyond the merchant ones: transfers and cash withdrawals. */
export const CAT_TRANSFER = CATEGORIES.length;
export const CAT_CASH = CATEGORIES.length + 1;
export const TRANSACTION_CATEGORIES: readonly string[] = [...CATEGORIES.map((c) => c.name), 'transfer', 'cash'];

export const CHANNELS = ['pos', 'online', 'transfer', 'atm'] as const;
export const POS = 0;
export const ONLINE = 1;
export const TRANSFER = 2;
export const ATM = 3;

export const REGIONS = ['north', 'south', 'east', 'west', 'central', 'coast', 'highlands', 'islands'] as const;
export const REGION_WEIGHTS = [0.2, 0.18, 0.15, 0.14, 0.12, 0.1, 0.06, 0.05];

export const ACCOUNT_TYPES = ['personal', 'business'] as const;
export const KYC_LEVELS = ['basic', 'standard', 'full'] as const;
export const EMAIL_DOMAINS = ['major', 'isp', 'corporate', 'disposable'] as const;
export const CARD_TYPES = ['debit', 'credit', 'prepaid'] as const;
export const DEVICE_TYPES = ['ios', 'android', 'desktop', 'other'] as const;

/** `fraud_truth.pattern`: which planted process made a transaction. */
export const FRAUD_PATTERNS = ['none', 'card_testing', 'ring', 'mule_chain', 'compromised_merchant'] as const;
export type FraudPattern = (typeof FRAUD_PATTERNS)[number];
export const P_NONE = 0;
export const P_CARD_TESTING = 1;
export const P_RING = 2;
export const P_MULE = 3;
export const P_COMPROMISED = 4;

/** `account_truth.role`: who an account really is. */
export const ACCOUNT_ROLES = ['customer', 'ring_member', 'mule', 'recruited_mule'] as const;
export const ROLE_CUSTOMER = 0;
export const ROLE_RING = 1;
export const ROLE_MULE = 2;
export const ROLE_RECRUITED = 3;
