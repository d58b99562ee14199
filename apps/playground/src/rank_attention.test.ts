import { describe, expect, it } from 'vitest';
import { headSums, rankInNeighbours } from './rank_attention.js';

// Node 2 has in-edges from 0, 1 and itself; node 1 from 0 and itself.
const layer = {
  layer: 'conv1',
  heads: 2,
  edgeIndex: [
    [0, 1, 0, 1, 2],
    [2, 2, 1, 1, 2],
  ] as [number[], number[]],
  alpha: [
    [0.5, 0.1],
    [0.2, 0.3],
    [0.6, 0.5],
    [0.4, 0.5],
    [0.3, 0.6],
  ],
};

describe('rankInNeighbours', () => {
  it('lists only the in-edges of the node, strongest mean first', () => {
    const rows = rankInNeighbours(layer, 2);
    expect(rows.map((r) => r.source)).toEqual([2, 0, 1]);
    expect(rows.map((r) => r.edge)).toEqual([4, 0, 1]);
    expect(rows[0]!.mean).toBeCloseTo(0.45);
  });

  it('breaks ties by edge position', () => {
    expect(rankInNeighbours(layer, 1).map((r) => r.source)).toEqual([0, 1]);
  });

  it('sums each head over the rows', () => {
    const sums = headSums(rankInNeighbours(layer, 2), 2);
    expect(sums[0]).toBeCloseTo(1);
    expect(sums[1]).toBeCloseTo(1);
    expect(rankInNeighbours(layer, 0)).toEqual([]);
  });
});
