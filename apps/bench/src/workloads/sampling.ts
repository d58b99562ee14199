/**
 * @gnnjs/sampling at scale (not in `--quick`): the sampler's throughput and
 * cost curve, the loader's epoch, GraphSAGE trained on an ogbn-products-shaped
 * graph, GAT full-batch and mini-batch on an ogbn-arxiv-shaped graph, and the
 * heterogeneous fraud model on PaymentsFraud. Each workload runs in a process
 * of its own (`src/sampling/child.ts`) so that its peak RSS is its own.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ArxivFigures } from '../sampling/arxiv.js';
import type { PaymentsFigures } from '../sampling/payments.js';
import type { EpochFigures, GraphFigures, LoaderEpochFigures } from '../sampling/products.js';
import type { ThroughputResult } from '../sampling/throughput.js';

export type SamplingWorkload = 'products-sampler' | 'sampler-curve' | 'loader-epoch' | 'products-epoch' | 'arxiv-gat' | 'payments-epoch';

export interface SamplingResult {
  kind: 'sampling';
  workload: SamplingWorkload;
  /** The command that reproduces it, from apps/bench. */
  command: string;
  wallS: number;
  peakRssMiB: number;
  result:
    | { graph: GraphFigures; throughput: ThroughputResult[] }
    | { graph: GraphFigures; curve: ThroughputResult[] }
    | { graph: GraphFigures; epochs: LoaderEpochFigures[] }
    | { graph: GraphFigures; epoch: EpochFigures }
    | ArxivFigures
    | PaymentsFigures;
}

const BENCH = fileURLToPath(new URL('../../', import.meta.url));
/** The longest one workload may run (a full GraphSAGE epoch on 2 loaded cores takes about an hour). */
const LIMIT_MS = 4 * 3600_000;

export const SAMPLING_WORKLOADS: readonly { workload: SamplingWorkload; args: string[] }[] = [
  { workload: 'products-sampler', args: [] },
  { workload: 'sampler-curve', args: [] },
  { workload: 'loader-epoch', args: [] },
  { workload: 'products-epoch', args: ['--backend', 'wasm', '--hidden', '256', '--workers', '2'] },
  { workload: 'arxiv-gat', args: ['--backend', 'wasm', '--workers', '2'] },
  { workload: 'payments-epoch', args: ['--backend', 'wasm', '--scale', '1', '--workers', '2'] },
];

export function samplingCommand(workload: SamplingWorkload, args: readonly string[]): string {
  return ['npx tsx --conditions=@gnnjs/source src/sampling/child.ts', workload, ...args].join(' ');
}

function child(workload: SamplingWorkload, args: readonly string[]): Promise<SamplingResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=@gnnjs/source', 'src/sampling/child.ts', workload, ...args], { cwd: BENCH, stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => proc.kill('SIGKILL'), LIMIT_MS);
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', (error) => (clearTimeout(timer), reject(error)));
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`sampling workload ${workload} ${signal === null ? `exited with ${code}` : `was stopped (${signal}) after ${LIMIT_MS / 3600_000} h`}`));
      const line = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Omit<SamplingResult, 'kind' | 'command'>;
      resolve({ kind: 'sampling', command: samplingCommand(workload, args), ...line });
    });
  });
}

/** Every sampling workload, unless `quick`; a workload that fails becomes a skip with its reason. */
export async function runSamplingWorkloads(options: { quick: boolean; log: (line: string) => void; skipped: { what: string; why: string }[] }): Promise<SamplingResult[]> {
  if (options.quick) {
    options.skipped.push({ what: 'sampling at scale (products/arxiv-shaped graphs, PaymentsFraud)', why: 'not in --quick (about 2 hours on 2 cores)' });
    return [];
  }
  const results: SamplingResult[] = [];
  for (const { workload, args } of SAMPLING_WORKLOADS) {
    options.log(`bench: sampling ${workload}`);
    try {
      results.push(await child(workload, args));
    } catch (error) {
      options.skipped.push({ what: `sampling ${workload}`, why: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

const f = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const millions = (v: number): string => (v / 1e6).toFixed(2);

/** The markdown of the sampling results. */
export function samplingTables(results: readonly SamplingResult[]): string {
  const parts: string[] = [];
  for (const r of results) {
    const res = r.result as Record<string, unknown>;
    if ('throughput' in res) {
      const rows = (res['throughput'] as ThroughputResult[]).map(
        (t) => `| ${t.workers === 0 ? 'loop thread' : `${t.workers} worker${t.workers > 1 ? 's' : ''}`} | ${t.batches} | ${millions(t.sampledEdges)} | ${f(t.wallS)} | ${millions(t.edgesPerS)} | ${f(t.cpuS)} | ${millions(t.edgesPerCpuS)} | ${f(t.nsPerEdgeCpu, 0)} |`,
      );
      parts.push('### Sampler alone, fan-out [15, 10, 5], batch 1024', '', '| where | batches | sampled edges (M) | wall s | M edges / s | CPU s | M edges / CPU s | ns / edge (CPU) |', '| --- | --- | --- | --- | --- | --- | --- | --- |', ...rows, '', `\`${r.command}\``, '');
    } else if ('curve' in res) {
      const rows = (res['curve'] as ThroughputResult[]).map(
        (t) => `| ${t.batchSize} | [${t.numNeighbors.join(', ')}] | ${t.batches} | ${Math.round(t.sampledEdges / t.batches)} | ${f((t.cpuS * 1000) / t.batches)} | ${f(t.nsPerEdgeCpu, 0)} |`,
      );
      parts.push('### Sampler cost against sampled edges', '', '| batch | fan-out | batches | sampled edges / batch | CPU ms / batch | ns / edge (CPU) |', '| --- | --- | --- | --- | --- | --- |', ...rows, '', `\`${r.command}\``, '');
    } else if ('epochs' in res) {
      const rows = (res['epochs'] as LoaderEpochFigures[]).map((e) => `| [${e.numNeighbors.join(', ')}] | ${e.numWorkers} | ${e.batches} | ${f(e.epochS)} | ${f(e.cpuS)} | ${millions(e.sampledEdges / e.epochS)} | ${millions(e.sampledEdges / e.cpuS)} |`);
      parts.push('### Loader epoch (sampling, features, tensors; no model), batch 1024', '', '| fan-out | workers | batches | wall s | CPU s | M sampled edges / s | M sampled edges / CPU s |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows, '', `\`${r.command}\``, '');
    } else if ('epoch' in res) {
      const e = res['epoch'] as EpochFigures;
      parts.push(
        '### GraphSAGE mini-batch epoch, products-shaped graph',
        '',
        '| backend | hidden | workers | batches | epoch s | epoch CPU s | wait median ms | step median ms | nodes / batch | edges / batch | peak RSS MiB | loss | tensors before → after |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${e.backend} | ${e.hidden} | ${e.numWorkers} | ${e.batches}${e.fullEpoch ? '' : ' (partial)'} | ${f(e.epochS, 0)} | ${f(e.epochCpuS, 0)} | ${f(e.waitMedianMs, 0)} | ${f(e.stepMedianMs, 0)} | ${Math.round(e.meanNodes)} | ${Math.round(e.meanEdges)} | ${f(r.peakRssMiB, 0)} | ${f(e.loss, 3)} | ${e.tensorsBefore} → ${e.tensorsAfter} |`,
        '',
        `\`${r.command}\``,
        '',
      );
    } else if ('fullBatchEpochS' in res) {
      const a = r.result as ArxivFigures;
      parts.push(
        '### GAT on the arxiv-shaped graph: full batch beside mini-batches',
        '',
        '| backend | full-batch epoch s (median) | mini-batch epoch s | mini-batches | workers | sampled edges / epoch (M) | peak RSS MiB | tensors before → after |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${a.backend} | ${f(a.fullBatchEpochS)} | ${f(a.miniBatchEpochS)} | ${a.miniBatches} | ${a.numWorkers} | ${millions(a.sampledEdgesPerEpoch)} | ${f(r.peakRssMiB, 0)} | ${a.tensorsBefore} → ${a.tensorsAfter} |`,
        '',
        `\`${r.command}\``,
        '',
      );
    } else if ('trainTransactions' in res) {
      const p = r.result as PaymentsFigures;
      parts.push(
        '### PaymentsFraud: toHetero(GraphSAGE), temporal mini-batches',
        '',
        '| scale | backend | training transactions | batches | workers | epoch s | epoch CPU s | nodes / batch | edges / batch | peak RSS MiB | tensors before → after | sampled neighbours newer than their seed |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${p.scale} | ${p.backend} | ${p.trainTransactions} | ${p.batches}${p.fullEpoch ? '' : ` of ${p.epochBatches}`} | ${p.numWorkers} | ${f(p.epochS, 0)} | ${f(p.epochCpuS, 0)} | ${Math.round(p.meanNodes)} | ${Math.round(p.meanEdges)} | ${f(r.peakRssMiB, 0)} | ${p.tensorsBefore} → ${p.tensorsAfter} | ${p.futureNeighbours} of ${p.checkedNeighbours} |`,
        '',
        `\`${r.command}\``,
        '',
      );
    }
  }
  return parts.join('\n');
}
