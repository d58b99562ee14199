/**
 * Link-prediction metrics on the scores of true (positive) and sampled
 * (negative) edges, with OGB's conventions (`ogb.linkproppred.Evaluator`).
 */
import { MetricError } from '../errors.js';
import { rocAuc } from './binary.js';

type Scores = ArrayLike<number>;

/**
 * ROC-AUC of positive against negative edges (ties count one half).
 *
 * @example
 * ```ts
 * linkAuc([0.9, 0.6], [0.6, 0.1]); // (1 + 1 + 0.5 + 1) / 4 = 0.875
 * ```
 */
export function linkAuc(positive: Scores, negative: Scores): number {
  const scores = [...Array.from(positive), ...Array.from(negative)];
  const labels = scores.map((_, i) => (i < positive.length ? 1 : 0));
  return rocAuc(scores, labels);
}

/**
 * Hits@K against one shared set of negatives (OGB's ogbl-collab/ddi/ppa):
 * the fraction of positive edges scored strictly above the K-th highest
 * negative; 1 when there are fewer than K negatives, as OGB.
 *
 * @example
 * ```ts
 * hitsAtK([0.9, 0.5, 0.3], [0.8, 0.5, 0.1], 2); // 2nd-best negative 0.5: only 0.9 beats it → 1/3
 * ```
 */
export function hitsAtK(positive: Scores, negative: Scores, k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new MetricError('k', `must be an integer >= 1, got ${k}`);
  if (negative.length < k) return 1;
  const kth = Float64Array.from(negative).sort().reverse()[k - 1]!;
  let hits = 0;
  for (let i = 0; i < positive.length; i++) if (positive[i]! > kth) hits += 1;
  return positive.length === 0 ? NaN : hits / positive.length;
}

/**
 * Each positive's rank among its own negatives (OGB's ogbl-citation2 and
 * PyG's link-prediction examples): `1 + #(neg > pos) + #(neg = pos) / 2`,
 * i.e. ties take the mean of the optimistic and the pessimistic rank.
 *
 * @example
 * ```ts
 * queryRanks([0.5], [[0.9, 0.5, 0.1]]); // [2.5]
 * ```
 */
export function queryRanks(positive: Scores, negatives: ReadonlyArray<Scores>): Float64Array {
  if (positive.length !== negatives.length) {
    throw new MetricError('negatives', `${negatives.length} rows of negatives for ${positive.length} positive scores (one row per positive)`);
  }
  return Float64Array.from(negatives, (row, i) => {
    const p = positive[i]!;
    let above = 0;
    let tied = 0;
    for (let j = 0; j < row.length; j++) {
      if (row[j]! > p) above += 1;
      else if (row[j] === p) tied += 1;
    }
    return 1 + above + tied / 2;
  });
}

/**
 * Mean reciprocal rank of each positive among its own negatives (ranks as
 * {@link queryRanks}).
 *
 * @example
 * ```ts
 * meanReciprocalRank([0.5, 0.9], [[0.9, 0.5, 0.1], [0.2, 0.1, 0.3]]); // (1/2.5 + 1/1) / 2 = 0.7
 * ```
 */
export function meanReciprocalRank(positive: Scores, negatives: ReadonlyArray<Scores>): number {
  const ranks = queryRanks(positive, negatives);
  return ranks.length === 0 ? NaN : ranks.reduce((s, r) => s + 1 / r, 0) / ranks.length;
}

/**
 * Fraction of positives ranked within the top K among their own negatives
 * (ranks as {@link queryRanks}, so a tie at the K-th place may not count).
 *
 * @example
 * ```ts
 * hitsAtKPerQuery([0.5, 0.9], [[0.9, 0.5, 0.1], [0.2, 0.1, 0.3]], 2); // ranks 2.5 and 1 → 0.5
 * ```
 */
export function hitsAtKPerQuery(positive: Scores, negatives: ReadonlyArray<Scores>, k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new MetricError('k', `must be an integer >= 1, got ${k}`);
  const ranks = queryRanks(positive, negatives);
  return ranks.length === 0 ? NaN : ranks.filter((r) => r <= k).length / ranks.length;
}
