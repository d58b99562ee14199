/**
 * PyG's scaling workload: one `GATConv(64, 8, heads=8)` on a random graph of
 * N nodes and E = 10·N edges, forward + backward of `sum(out)`, 5 measured
 * steps. Each size runs in a child process of its own so that its peak RSS is
 * the workload's, not the harness's; a size the backend refuses (wasm's 4 GiB
 * heap, `scaling_memory.ts`) comes back as the reason it was skipped.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { scalingAnchor, type PygAnchors } from '../anchors.js';
import type { ScalingResult } from '../results.js';

export const SCALING_CHILD = fileURLToPath(new URL('../scaling_child.ts', import.meta.url));

export async function runScalingWorkload(
  backend: string,
  numNodes: number,
  anchors: PygAnchors | undefined,
): Promise<ScalingResult | { why: string }> {
  const { code, signal, line } = await new Promise<{ code: number | null; signal: string | null; line: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@gnnjs/source', SCALING_CHILD, backend, String(numNodes)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, line: out.trim().split('\n').pop() ?? '' }));
  });
  const parsed = parseChildLine(line);
  if (parsed === undefined || (code !== 0 && !('why' in parsed))) {
    return { why: signal !== null ? `scaling child killed by ${signal} (out of memory?)` : `scaling child exited with ${code}` };
  }
  if ('why' in parsed) return parsed;
  const anchor = scalingAnchor(anchors, numNodes);
  return anchor ? { ...parsed, pyg: { fwdBwdMedianMs: anchor.fwd_bwd_median_ms, peakRssMiB: anchor.peak_rss_mib } } : parsed;
}

/** The child's last line: a result, or why it has none. */
export function parseChildLine(line: string): ScalingResult | { why: string } | undefined {
  try {
    const value = JSON.parse(line) as ScalingResult | { kind: 'skipped'; why: string };
    return value.kind === 'skipped' ? { why: value.why } : value;
  } catch {
    return undefined;
  }
}
