/**
 * Every DuckDB type group the encoders take, read from a DuckDB file: integer
 * widths, DECIMAL, HUGEINT, ENUM, every timestamp precision, time zones (read
 * in UTC) and DATE as the time column.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { NodeDuckDBEngine, openDatabase, SchemaError } from '../index.js';
import { typeClass } from './column_types.js';

let path: string;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gnnjs-relational-types-'));
  path = join(dir, 'types.duckdb');
  const engine = await NodeDuckDBEngine.create({ threads: 1 });
  await engine.run(`ATTACH '${path}' AS db`);
  await engine.run("CREATE TYPE db.mood AS ENUM ('sad', 'ok', 'happy')");
  await engine.run(`CREATE TABLE db.t AS SELECT * FROM (VALUES
    (1::UTINYINT, 1::SMALLINT, 1.50::DECIMAL(9, 2), 10::HUGEINT, 'ok'::db.mood, DATE '2024-01-02', TIMESTAMP_S '2024-01-01 06:00:00', TIMESTAMP_NS '2024-01-01 06:00:00', TIMESTAMPTZ '2024-01-01 06:00:00+02', true),
    (2::UTINYINT, 3::SMALLINT, 2.50::DECIMAL(9, 2), 30::HUGEINT, 'happy'::db.mood, DATE '2024-01-03', TIMESTAMP_S '2024-01-01 18:00:00', TIMESTAMP_NS '2024-01-01 18:00:00', TIMESTAMPTZ '2024-01-01 18:00:00+00', false)
  ) v(id, small, price, huge, mood, day, ts_s, ts_ns, ts_tz, label)`);
  await engine.run('DETACH db');
  await engine.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('type groups', () => {
  expect(['UTINYINT', 'SMALLINT', 'DECIMAL(9,2)', 'HUGEINT', 'DOUBLE'].map(typeClass)).toEqual(['numeric', 'numeric', 'numeric', 'numeric', 'numeric']);
  expect(["ENUM('a', 'b')", 'VARCHAR', 'BOOLEAN', 'DATE', 'TIMESTAMP_NS', 'TIMESTAMP WITH TIME ZONE', 'INTEGER[]', 'BLOB'].map(typeClass)).toEqual([
    'string',
    'string',
    'boolean',
    'date',
    'timestamp',
    'timestamp',
    'other',
    'other',
  ]);
});

test('every group encodes; DATE works as the time column; zoned times are read in UTC', async () => {
  const db = await openDatabase(
    { tables: { t: { primaryKey: 'id', time: 'day', source: { kind: 'duckdb', path } } }, target: { table: 't', column: 'label', task: 'binary' } },
    { threads: 1 },
  );
  const g = await db.toGraph();
  const { train } = await db.split({ train: '2024-01-02', val: '2024-01-03', test: '2024-01-04' });
  await db.close();
  const t = g.nodes['t']!;
  const at = (i: number, f: string) => t.x[i * t.featureNames.length + t.featureNames.indexOf(f)]!;
  expect(at(0, 'small')).toBeCloseTo(-1, 6);
  expect(at(1, 'price')).toBeCloseTo(1, 6);
  expect(at(1, 'huge')).toBeCloseTo(1, 6);
  expect([at(0, 'mood=ok'), at(1, 'mood=happy')]).toEqual([1, 1]);
  expect(t.featureNames).toContain('day:dow_sin');
  expect(t.featureNames).not.toContain('day:hour_sin');
  expect(Array.from(t.time!)).toEqual([Date.parse('2024-01-02T00:00:00Z'), Date.parse('2024-01-03T00:00:00Z')]);
  // (Each row's timestamps are from the day before its own time, so they are known.) 06:00 at +02 is 04:00 UTC.
  expect(at(0, 'ts_tz:hour_sin')).toBeCloseTo(Math.sin((2 * Math.PI * 4) / 24), 6);
  expect(at(0, 'ts_ns:hour_sin')).toBeCloseTo(Math.sin((2 * Math.PI * 6) / 24), 6);
  expect(at(1, 'ts_s:hour_cos')).toBeCloseTo(Math.cos((2 * Math.PI * 18) / 24), 6);
  expect(Array.from(train.mask)).toEqual([1, 0]);
});

test('column names starting with __rel are reserved', async () => {
  await expect(openDatabase({ tables: { t: { source: { kind: 'arrays', columns: { __rel_t: [1] } } } } })).rejects.toThrow(SchemaError);
});
