/**
 * PyG's scaling workload: one `GATConv(64, 8, heads=8)` on a random graph of
 * N nodes and E = 10·N edges, forward + backward of `sum(out)`, 5 measured
 * steps. Each size runs in a child process of its own so that its peak RSS is
 * the workload's, not the harness's.
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
): Promise<ScalingResult> {
  const line = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@gnnjs/source', SCALING_CHILD, backend, String(numNodes)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out.trim().split('\n').pop() ?? '') : reject(new Error(`scaling child exited with ${code}`)),
    );
  });
  const result = JSON.parse(line) as ScalingResult;
  const anchor = scalingAnchor(anchors, numNodes);
  return anchor ? { ...result, pyg: { fwdBwdMedianMs: anchor.fwd_bwd_median_ms, peakRssMiB: anchor.peak_rss_mib } } : result;
}
