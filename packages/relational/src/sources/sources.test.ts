/**
 * Source forms beyond one file per table: a folder of Parquet files, a glob,
 * a database-level folder source with one sub-folder per table, a CSV with
 * its own delimiter; Postgres without its extension is a typed error.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MissingExtensionError, NodeDuckDBEngine, openDatabase, type RelationalSchema } from '../index.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gnnjs-relational-sources-'));
  mkdirSync(join(dir, 'parts', 'items'), { recursive: true });
  const engine = await NodeDuckDBEngine.create({ threads: 1 });
  for (const part of [0, 1, 2]) {
    await engine.run(`COPY (SELECT ${part} * 10 + i AS id, (i % 2 = 0) AS even FROM range(10) t(i)) TO '${join(dir, 'parts', 'items', `part-${part}.parquet`)}' (FORMAT parquet)`);
  }
  await engine.close();
  writeFileSync(join(dir, 'items.tsv'), 'id;even\n3;true\n1;false\n2;true\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const numNodes = async (schema: RelationalSchema): Promise<number> => {
  const db = await openDatabase(schema, { threads: 1 });
  try {
    return (await db.toGraph()).nodes['items']!.numNodes;
  } finally {
    await db.close();
  }
};

test('a folder of Parquet files, a glob, and a database source with a folder per table', async () => {
  const folder = join(dir, 'parts', 'items');
  expect(await numNodes({ tables: { items: { primaryKey: 'id', source: { kind: 'parquet', path: folder } } } })).toBe(30);
  expect(await numNodes({ tables: { items: { primaryKey: 'id', source: { kind: 'parquet', path: join(folder, 'part-[01].parquet') } } } })).toBe(20);
  expect(await numNodes({ source: { kind: 'parquet', path: join(dir, 'parts') }, tables: { items: { primaryKey: 'id' } } })).toBe(30);
});

test('a CSV file with its own delimiter', async () => {
  const db = await openDatabase({ tables: { items: { primaryKey: 'id', source: { kind: 'csv', path: join(dir, 'items.tsv'), delimiter: ';' } } } });
  const g = await db.toGraph();
  await db.close();
  expect(Array.from(g.nodes['items']!.key!)).toEqual([1, 2, 3]);
  expect(Array.from(g.nodes['items']!.x)).toEqual([0, 1, 1]);
});

test('Postgres without the postgres extension names it', async () => {
  const error = await openDatabase({ source: { kind: 'postgres', connection: 'host=127.0.0.1 dbname=none' }, tables: { items: { primaryKey: 'id' } } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MissingExtensionError);
  expect(error).toMatchObject({ extension: 'postgres', table: 'items' });
});
