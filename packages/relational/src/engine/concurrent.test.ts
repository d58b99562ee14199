import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NodeDuckDBEngine } from './node_engine.js';

/** Sum and count of a scan of `t` shifted by `k`, read chunk by chunk (10 000 rows: several DuckDB vectors). */
async function read(engine: NodeDuckDBEngine, k: number): Promise<[number, number]> {
  let sum = 0;
  let n = 0;
  await engine.scan(`SELECT a + ${k} AS a, b FROM t ORDER BY a`, ['int32', 'float64'], (columns, rowCount) => {
    const [a, b] = columns as [Int32Array, Float64Array];
    for (let i = 0; i < rowCount; i += 1) sum += a[i]! + b[i]!;
    n += rowCount;
  });
  return [sum, n];
}

describe('one engine, overlapping calls', () => {
  let engine: NodeDuckDBEngine;
  beforeAll(async () => {
    engine = await NodeDuckDBEngine.create({ threads: 2 });
    await engine.run('CREATE TABLE t AS SELECT i::INTEGER AS a, (i * 0.5)::DOUBLE AS b FROM range(10000) r(i)');
  });
  afterAll(async () => {
    await engine.close();
  });

  test('concurrent scans give what sequential scans give', async () => {
    const sequential: [number, number][] = [];
    for (let k = 0; k < 4; k += 1) sequential.push(await read(engine, k));
    expect(sequential[0]).toEqual([(9999 * 10000) / 2 + (9999 * 10000) / 4, 10000]);
    expect(await Promise.all([0, 1, 2, 3].map((k) => read(engine, k)))).toEqual(sequential);
  });

  test('scans, rows, runs and inserts interleaved with each other', async () => {
    const expected = await read(engine, 0);
    const [scanA, count, , scanB, inserted] = await Promise.all([
      read(engine, 0),
      engine.rows('SELECT count(*) AS n FROM t'),
      engine.insertColumns('small', { id: [1, 2, 3], v: [0.5, 1.5, 2.5] }),
      read(engine, 0),
      engine.rows('SELECT sum(v) AS s FROM small'),
    ]);
    expect(scanA).toEqual(expected);
    expect(scanB).toEqual(expected);
    expect(count).toEqual([{ n: 10000 }]);
    expect(inserted).toEqual([{ s: 4.5 }]);
  });

  test('a failing call does not stop the ones queued after it', async () => {
    const expected = await read(engine, 0);
    const [bad, good] = await Promise.allSettled([engine.rows('SELECT * FROM no_such_table'), read(engine, 0)]);
    expect(bad.status).toBe('rejected');
    expect(good).toEqual({ status: 'fulfilled', value: expected });
  });
});
