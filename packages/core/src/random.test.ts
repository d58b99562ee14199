import { describe, expect, it } from 'vitest';
import { clearSeed, manualSeed, nextSeed, nextUniform } from './random.js';

describe('manualSeed', () => {
  it('repeats the same stream after reseeding', () => {
    manualSeed(42);
    const a = [nextSeed(), nextSeed(), nextUniform()];
    manualSeed(42);
    const b = [nextSeed(), nextSeed(), nextUniform()];
    expect(b).toEqual(a);
    manualSeed(43);
    expect(nextSeed()).not.toEqual(a[0]);
  });

  it('gives no seed when unseeded', () => {
    clearSeed();
    expect(nextSeed()).toBeUndefined();
    const u = nextUniform();
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
  });
});
