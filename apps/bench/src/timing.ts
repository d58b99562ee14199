/** Wall-clock timing with warm-up, as PyG's anchors were measured (median and min). */

export interface Timing {
  medianMs: number;
  minMs: number;
  /**
   * Median CPU time of this process (user + system) per iteration: on a
   * machine shared with other work, wall time includes waiting for a core and
   * CPU time does not.
   */
  cpuMedianMs: number;
  iterations: number;
}

export interface TimingOptions {
  warmup: number;
  iterations: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs `step` `warmup` times untimed, then `iterations` times timed. `step`
 * must finish its work before resolving (read a result back on async backends).
 */
export async function measure(step: () => unknown, options: TimingOptions): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await step();
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await step();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuSamples.push((c.user + c.system) / 1000);
  }
  return { medianMs: median(samples), minMs: Math.min(...samples), cpuMedianMs: median(cpuSamples), iterations: samples.length };
}
