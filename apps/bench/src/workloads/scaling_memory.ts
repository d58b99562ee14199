/**
 * The scaling workload's memory check before a large size: on `wasm`, whose
 * heap holds at most 4 GiB, a size that cannot fit is refused up front with
 * `WasmHeapLimitError` (seconds) instead of after minutes of work. The peak
 * is the heap's peak (`wasmHeapUsage`) over one step on a graph
 * `CALIBRATION_NODES` large, graph included, scaled by N: every tensor of the
 * workload is O(N) or O(E) = O(10·N).
 */
import { assertFitsWasmHeap } from '@gnnjs/backend-wasm';

export const CALIBRATION_NODES = 10_000;

/** Peak tensor bytes of `nodes / calibrationNodes` times the calibration run's. */
export function estimatePeakBytes(calibrationPeakBytes: number, calibrationNodes: number, nodes: number): number {
  return Math.ceil((calibrationPeakBytes * nodes) / calibrationNodes);
}

/** Throws `WasmHeapLimitError` when `backend` is wasm and `numNodes` would not fit; `measurePeak(n)` runs one step at n nodes. */
export async function assertScalingFits(backend: string, numNodes: number, measurePeak: (n: number) => Promise<number>): Promise<void> {
  if (backend !== 'wasm' || numNodes <= 10 * CALIBRATION_NODES) return;
  const peak = estimatePeakBytes(await measurePeak(CALIBRATION_NODES), CALIBRATION_NODES, numNodes);
  assertFitsWasmHeap(peak, `GATConv(64, 8, heads=8) forward+backward at N=${numNodes}, E=${10 * numNodes} (peak estimated from N=${CALIBRATION_NODES})`);
}
