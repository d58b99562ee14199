/**
 * `tsx bench/load_parquet.ts --rows N [--dir DIR] [--mode load|scan]`: one
 * measurement in its own process (so its peak RSS is its own), printed as one
 * JSON line. `load`: the generated Parquet folder → `toGraph()` arrays.
 * `scan`: DuckDB alone reading every value of transactions.parquet (a hash of each column, summed).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeDuckDBEngine, openDatabase } from '../src/index.js';
import { BENCH_TABLES, BENCH_TARGET, generatePayments } from './generate.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    dir: { type: 'string', default: join(tmpdir(), 'gnnjs-bench-relational') },
    mode: { type: 'string', default: 'load' },
    'memory-limit': { type: 'string' },
  },
});
const rows = Number(values.rows);
const folder = await generatePayments(values.dir!, rows);
const rssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (values.mode === 'scan') {
  const engine = await NodeDuckDBEngine.create();
  const t0 = performance.now();
  await engine.rows(`SELECT count(*) AS n, sum(hash(COLUMNS(*))) FROM read_parquet('${folder}/transactions.parquet')`);
  const scanMs = performance.now() - t0;
  await engine.close();
  process.stdout.write(`${JSON.stringify({ mode: 'scan', rows, scanMs, peakRssMiB: rssMiB() })}\n`);
} else {
  const baseRss = rssMiB();
  const t0 = performance.now();
  const db = await openDatabase(
    { source: { kind: 'parquet', path: folder }, tables: BENCH_TABLES, target: BENCH_TARGET },
    values['memory-limit'] === undefined ? {} : { memoryLimit: values['memory-limit'] },
  );
  const openMs = performance.now() - t0;
  const graph = await db.toGraph();
  const loadMs = performance.now() - t0;
  await db.close();
  let outputBytes = 0;
  for (const node of Object.values(graph.nodes)) {
    for (const a of [node.x, node.categorical, node.time, node.key, node.y]) outputBytes += a?.byteLength ?? 0;
  }
  for (const e of graph.edges.filter((edge) => !edge.type[1].startsWith('rev_'))) outputBytes += e.src.byteLength + e.dst.byteLength + (e.time?.byteLength ?? 0);
  const edges = graph.edges.reduce((s, e) => s + e.numEdges, 0);
  process.stdout.write(
    `${JSON.stringify({ mode: 'load', rows, openMs, loadMs, edges, outputMiB: Math.round(outputBytes / 2 ** 20), peakRssMiB: rssMiB(), baseRssMiB: baseRss })}\n`,
  );
}
