/** The payments workload's time check counts neighbours newer than their seed, and only sampled ones. */
import { describe, expect, it } from 'vitest';
import { futureNeighbours } from './time_check.js';

// Two seeds (transactions 0 and 1, times 10 and 20); sampled: transaction 2 (time 15) for each seed, and account 0.
const batch = {
  inputType: 'transactions',
  batchSize: 2,
  nId: { transactions: Int32Array.of(0, 1, 2, 2), accounts: Int32Array.of(0) },
  batch: { transactions: Int32Array.of(0, 1, 0, 1), accounts: Int32Array.of(1) },
  seedTime: Float64Array.of(10, 20),
};
const times = new Map([['transactions', Int32Array.of(10, 20, 15)]]);

describe('futureNeighbours', () => {
  it('counts a neighbour newer than its seed, not the seeds nor untimed types', () => {
    expect(futureNeighbours(batch, times)).toEqual({ checked: 2, future: 1 });
  });

  it('finds none when every neighbour is from the past', () => {
    expect(futureNeighbours({ ...batch, seedTime: Float64Array.of(15, 20) }, times)).toEqual({ checked: 2, future: 0 });
  });

  it('refuses a batch that is not temporal', () => {
    expect(() => futureNeighbours({ ...batch, batch: undefined }, times)).toThrow(/not a temporal batch/);
  });
});
