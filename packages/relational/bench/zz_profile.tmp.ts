import { NodeDuckDBEngine, RelationalDatabase, type SqlEngine } from '../src/index.js';
import { BENCH_TABLES, BENCH_TARGET } from './generate.js';
const engine = await NodeDuckDBEngine.create();
const e = engine as unknown as Record<string, (sql: string, ...rest: unknown[]) => Promise<unknown>>;
for (const m of ['run', 'rows', 'scan']) {
  const orig = e[m]!.bind(engine);
  e[m] = async (sql: string, ...rest: unknown[]) => { const t = performance.now(); const r = await orig(sql, ...rest); const dt = performance.now() - t; if (dt > 100) console.log(m, dt.toFixed(0), sql.slice(0, 140)); return r; };
}
const t0 = performance.now();
const db = await RelationalDatabase.open({ source: { kind: 'parquet', path: `/tmp/gnnjs-bench-relational/tx-${process.argv[2]}` }, tables: BENCH_TABLES, target: BENCH_TARGET }, engine as SqlEngine);
console.log('open', performance.now() - t0);
const t1 = performance.now();
await db.toGraph();
console.log('toGraph', performance.now() - t1);
