import { WasmHeapLimitError } from '@gnnjs/backend-wasm';
import { describe, expect, it } from 'vitest';
import { parseChildLine } from './gatconv_scaling.js';
import { CALIBRATION_NODES, assertScalingFits, estimatePeakBytes } from './scaling_memory.js';

// One GATConv(64, 8, heads=8) forward+backward at N = 10k, graph included, peaks at about 72 MB of heap.
const PEAK_10K = 72_000_000;

describe('scaling workload memory check', () => {
  it('scales the calibration peak with N', () => {
    expect(estimatePeakBytes(PEAK_10K, 10_000, 1_000_000)).toBe(7_200_000_000);
  });

  it('refuses N = 1M on wasm up front, naming the bytes and the cpu backend', async () => {
    const sizes: number[] = [];
    const measure = async (n: number) => (sizes.push(n), PEAK_10K);
    const refusal = assertScalingFits('wasm', 1_000_000, measure);
    await expect(refusal).rejects.toBeInstanceOf(WasmHeapLimitError);
    await expect(assertScalingFits('wasm', 1_000_000, measure)).rejects.toThrow(/needs 6\.7 GiB .*use the 'cpu' backend/);
    expect(sizes).toEqual([CALIBRATION_NODES, CALIBRATION_NODES]);
  });

  it('lets N = 100k through on wasm and every size through on cpu, without a calibration run', async () => {
    const measure = async () => {
      throw new Error('no calibration expected');
    };
    await expect(assertScalingFits('wasm', 100_000, measure)).resolves.toBeUndefined();
    await expect(assertScalingFits('cpu', 1_000_000, measure)).resolves.toBeUndefined();
  });

  it("reads the child's last line: a result, a refusal, or nothing", () => {
    expect(parseChildLine('{"kind":"skipped","why":"WasmHeapLimitError: needs 9.1 GiB"}')).toEqual({ why: 'WasmHeapLimitError: needs 9.1 GiB' });
    expect(parseChildLine('{"kind":"gatconv-scaling","backend":"cpu"}')).toMatchObject({ kind: 'gatconv-scaling' });
    expect(parseChildLine('')).toBeUndefined();
  });
});
