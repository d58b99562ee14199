/**
 * Node ids are the primary key's ranks however the source is ordered and
 * however many threads DuckDB uses: a shuffled 200 000-row Parquet file,
 * with string keys and with integer keys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { NodeDuckDBEngine, openDatabase } from '../index.js';

const N = 200_000;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gnnjs-relational-ids-'));
  const engine = await NodeDuckDBEngine.create({ threads: 4 });
  await engine.run(
    `COPY (SELECT i * 7 AS id, 'k' || lpad(i::VARCHAR, 7, '0') AS code, i % 97 AS v FROM range(${N}) t(i) ORDER BY hash(i)) ` +
      `TO '${join(dir, 'rows.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 10000)`,
  );
  await engine.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each(['id', 'code'])('ids are ranks of %s on a shuffled file, with 4 threads', async (primaryKey) => {
  const db = await openDatabase({ tables: { rows: { primaryKey, columns: { v: { type: 'numeric' } }, source: { kind: 'parquet', path: join(dir, 'rows.parquet') } } } }, { threads: 4 });
  const g = await db.toGraph();
  await db.close();
  const rows = g.nodes['rows']!;
  expect(rows.numNodes).toBe(N);
  // Both keys rise with i, so node id i must hold row i: its value i % 97, standardised.
  const { mean, std } = rows.encoders.find((e) => e.column === 'v') as { mean: number; std: number };
  const width = rows.featureNames.length;
  const v = rows.featureNames.indexOf('v');
  let wrong = 0;
  for (let i = 0; i < N; i += 1) if (Math.abs(rows.x[i * width + v]! * std + mean - (i % 97)) > 1e-3) wrong += 1;
  expect(wrong).toBe(0);
  if (primaryKey === 'id') expect(Array.from(rows.key!.subarray(0, 3))).toEqual([0, 7, 14]);
});
