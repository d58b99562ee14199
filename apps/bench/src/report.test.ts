import { describe, expect, it } from 'vitest';
import { gatGcnRatios, planetoidTable, speedRatio } from './report.js';
import type { PlanetoidResult } from './results.js';
import { measure, median } from './timing.js';

const row = (model: string, train: number): PlanetoidResult => ({
  kind: 'planetoid',
  backend: 'wasm',
  dataset: 'Cora',
  model,
  trainEpochMedianMs: train,
  trainEpochMinMs: train - 1,
  inferMedianMs: 10,
  inferMinMs: 9,
  memory: { tfjsBytes: 0, tensorGrowth: 0 },
  pyg: { trainEpochMedianMs: 124.2, inferMedianMs: 20.5 },
});

describe('bench report', () => {
  it('computes ratios against PyG as ours / theirs', () => {
    expect(speedRatio(62.1, 124.2)).toBeCloseTo(0.5);
    expect(planetoidTable([row('GAT', 62.1)])).toContain('| 0.50× |');
  });

  it('adds process CPU time and its ratio against PyG where measured', () => {
    expect(planetoidTable([{ ...row('GAT', 200), trainEpochCpuMedianMs: 93.15 }])).toContain('| 93.2 | 0.75× |');
    expect(planetoidTable([row('GAT', 200)])).toContain('| – | – |');
  });

  it('gives the GAT/GCN epoch ratio per backend and dataset', () => {
    const table = gatGcnRatios([row('GCN', 40), row('GAT', 60), row('GATv2', 70)]);
    expect(table).toContain('| wasm | Cora | 1.50 | 1.75 | – | – |');
  });

  it('takes the median of the measured iterations after warm-up', async () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    let calls = 0;
    const t = await measure(() => void calls++, { warmup: 2, iterations: 3 });
    expect(calls).toBe(5);
    expect(t.iterations).toBe(3);
    expect(t.cpuMedianMs).toBeGreaterThanOrEqual(0);
  });
});
