import * as tf from '@tensorflow/tfjs-core';
import type { FraudBatch } from '../builtin/fraud/build.js';

/** A deterministic stream of numbers in [0, 1) (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw. */
function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

export interface TinyPayments {
  batch: FraudBatch;
  metadata: readonly [readonly string[], ReadonlyArray<readonly [string, string, string]>];
  widths: Record<string, number>;
  numTransactions: number;
  dispose(): void;
}

/**
 * Cards and their transactions, where fraud is a property of the card: a
 * compromised card (one in five) shifts feature 0 of each of its
 * transactions by only 0.7 standard deviations, so one transaction's own
 * features barely tell, while the card's other transactions (transaction →
 * card → transaction) tell much more. Accounts own the cards.
 */
export function tinyPayments(options: { cards?: number; perCard?: number; seed?: number } = {}): TinyPayments {
  const { cards = 60, perCard = 6, seed = 1 } = options;
  const next = rng(seed);
  const accounts = Math.ceil(cards / 2);
  const n = cards * perCard;
  const compromised = Array.from({ length: cards }, () => (next() < 0.2 ? 1 : 0));
  const txCard = Array.from({ length: n }, (_, i) => Math.floor(i / perCard));
  const y = txCard.map((c) => compromised[c]!);
  const tx = txCard.flatMap((c) => [normal(next) + 0.7 * compromised[c]!, normal(next), normal(next)]);
  const cardX = Array.from({ length: cards * 2 }, () => normal(next));
  const accountX = Array.from({ length: accounts * 2 }, () => normal(next));
  const cardAccount = Array.from({ length: cards }, (_, c) => c % accounts);
  const cardIds = Array.from({ length: cards }, (_, c) => c);
  const txIds = Array.from({ length: n }, (_, i) => i);
  const metadata = [
    ['accounts', 'cards', 'transactions'],
    [
      ['transactions', 'card_id', 'cards'],
      ['cards', 'rev_card_id', 'transactions'],
      ['cards', 'account_id', 'accounts'],
      ['accounts', 'rev_account_id', 'cards'],
    ],
  ] as const;
  const batch = tf.tidy(() => ({
    xDict: {
      transactions: tf.tensor2d(tx, [n, 3]),
      cards: tf.tensor2d(cardX, [cards, 2]),
      accounts: tf.tensor2d(accountX, [accounts, 2]),
    },
    edgeIndexDict: {
      transactions__card_id__cards: tf.tensor2d([txIds, txCard], undefined, 'int32'),
      cards__rev_card_id__transactions: tf.tensor2d([txCard, txIds], undefined, 'int32'),
      cards__account_id__accounts: tf.tensor2d([cardIds, cardAccount], undefined, 'int32'),
      accounts__rev_account_id__cards: tf.tensor2d([cardAccount, cardIds], undefined, 'int32'),
    },
    y: tf.tensor1d(y, 'float32'),
    batchSize: n,
  }));
  const tensors = (): tf.Tensor[] => [...Object.values(batch.xDict), ...Object.values(batch.edgeIndexDict), batch.y];
  return {
    batch: batch as FraudBatch,
    metadata,
    widths: { transactions: 3, cards: 2, accounts: 2 },
    numTransactions: n,
    dispose: () => tf.dispose(tensors()),
  };
}
