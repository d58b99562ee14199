/**
 * @gnnjs/relational's load benchmark: a generated payments database (1M and,
 * outside `--quick`, 10M transactions as Parquet, made with DuckDB's `range()`)
 * loaded into graph arrays with `toGraph()`, beside DuckDB's own scan of the
 * same transactions file. Each measurement runs in a process of its own (the
 * package's `bench/load_parquet.ts`) so that its peak RSS is its own.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RelationalResult {
  kind: 'relational';
  /** Transactions (accounts: rows / 20, merchants: 10 000). */
  rows: number;
  /** Edges of every type, reverse types included. */
  edges: number;
  /** Opening (reading and checking every table, assigning ids), then the whole load to arrays. */
  openMs: number;
  loadMs: number;
  /** DuckDB alone reading every column of transactions.parquet. */
  scanMs: number;
  peakRssMiB: number;
  scanPeakRssMiB: number;
  /** Bytes of the output arrays. */
  outputMiB: number;
}

const PACKAGE = fileURLToPath(new URL('../../../../packages/relational/', import.meta.url));

function child(args: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=@gnnjs/source', 'bench/load_parquet.ts', ...args], {
      cwd: PACKAGE,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, number>) : reject(new Error(`relational child exited with ${code}`)),
    );
  });
}

/** 1M transactions, and 10M unless `quick`; a size that fails becomes a skip with its reason. */
export async function runRelationalWorkloads(options: {
  quick: boolean;
  log: (line: string) => void;
  skipped: { what: string; why: string }[];
}): Promise<RelationalResult[]> {
  const results: RelationalResult[] = [];
  for (const rows of options.quick ? [1_000_000] : [1_000_000, 10_000_000]) {
    options.log(`bench: relational load, ${rows} transactions`);
    try {
      const scan = await child(['--rows', String(rows), '--mode', 'scan']);
      const load = await child(['--rows', String(rows), '--mode', 'load']);
      results.push({
        kind: 'relational',
        rows,
        edges: load['edges']!,
        openMs: load['openMs']!,
        loadMs: load['loadMs']!,
        scanMs: scan['scanMs']!,
        peakRssMiB: load['peakRssMiB']!,
        scanPeakRssMiB: scan['peakRssMiB']!,
        outputMiB: load['outputMiB']!,
      });
    } catch (error) {
      options.skipped.push({ what: `relational ${rows} transactions`, why: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

export function relationalTable(rows: readonly RelationalResult[]): string {
  const head =
    '| transactions | edges | open ms | load to arrays ms | DuckDB scan ms | load / scan | peak RSS MiB | scan peak RSS MiB | output MiB |\n' +
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rows.map(
    (r) =>
      `| ${r.rows} | ${r.edges} | ${r.openMs.toFixed(0)} | ${r.loadMs.toFixed(0)} | ${r.scanMs.toFixed(0)} | ${(r.loadMs / r.scanMs).toFixed(1)}× | ` +
      `${r.peakRssMiB} | ${r.scanPeakRssMiB} | ${r.outputMiB} |`,
  );
  return [head, ...lines].join('\n');
}
