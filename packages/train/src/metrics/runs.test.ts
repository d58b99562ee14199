import { describe, expect, it } from 'vitest';
import { aggregateRuns, mean, populationStd, type RunMetrics } from './runs.js';

const run = (seed: number, testAccBestVal: number): RunMetrics => ({
  seed,
  testAccBestVal,
  testAccLast: 0.5,
  valAccBest: 0.8,
  valAccLast: 0.7,
  trainAccBestVal: 1,
  trainAccLast: 1,
  bestEpoch: 10 + seed,
  epochs: 200,
  msPerEpoch: 12,
});

describe('metrics', () => {
  it('uses the population std (divides by n)', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(populationStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(populationStd([7])).toBe(0);
  });

  it('aggregates every metric but the seed', () => {
    const { mean: m, std: s } = aggregateRuns([run(0, 0.8), run(1, 0.84)]);
    expect(m.testAccBestVal).toBeCloseTo(0.82, 12);
    expect(s.testAccBestVal).toBeCloseTo(0.02, 12);
    expect(m.bestEpoch).toBe(10.5);
    expect(s.epochs).toBe(0);
    expect('seed' in m).toBe(false);
  });
});
