import { describe, expect, it } from 'vitest';
import { hitsAtK, hitsAtKPerQuery, linkAuc, meanReciprocalRank, queryRanks } from './link.js';
import { MetricError } from '../errors.js';

describe('link-prediction metrics (OGB conventions), by hand with ties', () => {
  it('AUC of positive against negative edges counts ties one half', () => {
    expect(linkAuc([0.9, 0.6], [0.6, 0.1])).toBeCloseTo(3.5 / 4, 15);
    expect(linkAuc([0.5], [0.5])).toBe(0.5);
  });

  it('hits@K against shared negatives: strictly above the K-th best negative', () => {
    const negatives = [0.8, 0.5, 0.5, 0.1];
    // K = 2: the 2nd-best negative is 0.5; 0.5 itself (a tie) does not count.
    expect(hitsAtK([0.9, 0.5, 0.3], negatives, 2)).toBeCloseTo(1 / 3, 15);
    expect(hitsAtK([0.9, 0.5, 0.3], negatives, 4)).toBe(1); // all beat 0.1
    // Fewer negatives than K: 1, as OGB.
    expect(hitsAtK([0.1], negatives, 5)).toBe(1);
    expect(() => hitsAtK([0.1], negatives, 0)).toThrow(MetricError);
    expect(() => hitsAtKPerQuery([0.1], [negatives], 1.5)).toThrow(/^k: must be an integer >= 1, got 1\.5/);
  });

  it('per-query ranks take the mean of the optimistic and the pessimistic rank', () => {
    const negatives = [
      [0.9, 0.5, 0.1],
      [0.2, 0.1, 0.3],
      [0.7, 0.7, 0.7],
    ];
    // 1 above + 1 tie → 2.5; nothing above → 1; three ties → 1 + 1.5 = 2.5.
    expect(Array.from(queryRanks([0.5, 0.9, 0.7], negatives))).toEqual([2.5, 1, 2.5]);
    expect(meanReciprocalRank([0.5, 0.9, 0.7], negatives)).toBeCloseTo((0.4 + 1 + 0.4) / 3, 15);
    expect(hitsAtKPerQuery([0.5, 0.9, 0.7], negatives, 2)).toBeCloseTo(1 / 3, 15);
    expect(hitsAtKPerQuery([0.5, 0.9, 0.7], negatives, 3)).toBe(1);
    expect(() => queryRanks([0.5], [])).toThrow(MetricError);
    expect(() => queryRanks([0.5], [])).toThrow(/^negatives: 0 rows of negatives for 1 positive scores/);
  });
});
