/**
 * Bad input: each case is a typed error naming the table and column (or the
 * file), and nothing is left half-done (user files are attached read-only and
 * stay byte-identical; the engine a failed open created is closed).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  DataError,
  DuplicateKeyError,
  ForeignKeyError,
  MissingColumnError,
  MissingExtensionError,
  MissingTableError,
  NodeDuckDBEngine,
  openDatabase,
  RelationalError,
  SourceError,
  UnsupportedColumnTypeError,
  type RelationalSchema,
  type RelationalWarning,
} from '../index.js';
import { HAND_MADE_TABLES, handMadeSchema, writeHandMade } from '../test_support/hand_made.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gnnjs-relational-bad-'));
  await writeHandMade(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const target = { table: 'transactions', column: 'is_fraud', task: 'binary' } as const;

/** The hand-made schema with one table's in-memory columns changed. */
function withColumns(table: 'accounts' | 'transactions' | 'merchants', change: (columns: Record<string, unknown[]>) => void): RelationalSchema {
  const schema = handMadeSchema();
  const source = schema.tables[table]!.source as { kind: 'arrays'; columns: Record<string, unknown[]> };
  const columns = Object.fromEntries(Object.entries(source.columns).map(([k, v]) => [k, [...v]]));
  change(columns);
  source.columns = columns;
  return schema;
}

async function rejection(promise: Promise<unknown>): Promise<RelationalError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RelationalError);
    return error as RelationalError;
  }
  throw new Error('expected a rejection');
}

describe('foreign keys pointing to missing rows', () => {
  const dangling = () =>
    withColumns('transactions', (c) => {
      c['account_id']![1] = 99;
      c['account_id']![4] = 77;
    });

  test('fail by default, with the count, examples, table and column', async () => {
    const error = await rejection(openDatabase(dangling(), { threads: 1 }));
    expect(error).toBeInstanceOf(ForeignKeyError);
    expect(error).toMatchObject({ table: 'transactions', column: 'account_id', missing: 2, examples: ['77', '99'], references: 'accounts.id' });
    expect(error.message).toMatch(/^transactions\.account_id: 2 row\(s\) reference a missing accounts\.id row/);
  });

  test("'drop' drops those edges and reports a warning", async () => {
    const seen: RelationalWarning[] = [];
    const db = await openDatabase(dangling(), { threads: 1, onMissingForeignKey: 'drop', onWarning: (w) => seen.push(w) });
    const g = await db.toGraph();
    await db.close();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: 'missing-foreign-key', table: 'transactions', column: 'account_id', count: 2 });
    expect(g.warnings).toEqual(seen);
    const toAccount = g.edges.find((e) => e.type[1] === 'account_id')!;
    expect(Array.from(toAccount.src)).toEqual([0, 2, 3]);
    expect(Array.from(toAccount.dst)).toEqual([0, 2, 0]);
  });
});

describe('keys, times and targets', () => {
  test('duplicate and NULL primary keys', async () => {
    const dup = await rejection(openDatabase(withColumns('accounts', (c) => (c['id']![2] = 30)), { threads: 1 }));
    expect(dup).toBeInstanceOf(DuplicateKeyError);
    expect(dup).toMatchObject({ table: 'accounts', column: 'id', duplicates: 1, nulls: 0, examples: ['30'] });
    const nulls = await rejection(openDatabase(withColumns('accounts', (c) => (c['id']![0] = null)), { threads: 1 }));
    expect(nulls).toMatchObject({ table: 'accounts', column: 'id', duplicates: 0, nulls: 1 });
  });

  test('NULL times and a binary target with other values than 0/1', async () => {
    const time = await rejection(openDatabase(withColumns('transactions', (c) => (c['ts']![2] = null)), { threads: 1 }));
    expect(time).toBeInstanceOf(DataError);
    expect(time).toMatchObject({ table: 'transactions', column: 'ts' });
    const schema = withColumns('transactions', (c) => (c['is_fraud'] = [0, 1, 2, 0, 1]));
    const binary = await rejection(openDatabase(schema, { threads: 1 }));
    expect(binary).toBeInstanceOf(DataError);
    expect(binary.message).toMatch(/transactions\.is_fraud: binary target has 1 value/);
  });
});

describe('column types an encoder cannot take', () => {
  test('a LIST column under auto, and numeric asked of a VARCHAR column', async () => {
    const engine = await NodeDuckDBEngine.create({ threads: 1 });
    await engine.run(`COPY (SELECT 1 AS id, [1, 2] AS tags, 'x' AS name) TO '${dir}/lists.parquet' (FORMAT parquet)`);
    await engine.close();
    const list = await rejection(openDatabase({ tables: { things: { primaryKey: 'id', source: { kind: 'parquet', path: `${dir}/lists.parquet` } } } }));
    expect(list).toBeInstanceOf(UnsupportedColumnTypeError);
    expect(list).toMatchObject({ table: 'things', column: 'tags', columnType: 'INTEGER[]' });
    expect(list.message).toMatch(/type: 'skip'/);
    const skipped = await openDatabase({
      tables: { things: { primaryKey: 'id', columns: { tags: { type: 'skip' } }, source: { kind: 'parquet', path: `${dir}/lists.parquet` } } },
    });
    expect((await skipped.toGraph()).nodes['things']!.featureNames).toEqual(['name=<unknown>', 'name=x']);
    await skipped.close();
    const schema = handMadeSchema();
    schema.tables['merchants']!.columns = { category: { type: 'numeric' } };
    const numeric = await rejection(openDatabase(schema, { threads: 1 }));
    expect(numeric).toMatchObject({ table: 'merchants', column: 'category', columnType: 'VARCHAR', encoder: 'numeric' });
  });
});

describe('files that are not what they say', () => {
  test('a CSV named .parquet, a Parquet file read as CSV, a missing file', async () => {
    copyFileSync(join(dir, 'accounts.csv'), join(dir, 'fake.parquet'));
    const fake = await rejection(openDatabase({ tables: { accounts: { primaryKey: 'id', source: { kind: 'parquet', path: join(dir, 'fake.parquet') } } } }));
    expect(fake).toBeInstanceOf(SourceError);
    expect(fake).toMatchObject({ table: 'accounts', source: join(dir, 'fake.parquet') });
    expect(fake.message).toMatch(/expected a Parquet file, but the file is text/);
    const asCsv = await rejection(openDatabase({ tables: { accounts: { primaryKey: 'id', source: { kind: 'csv', path: join(dir, 'accounts.parquet') } } } }));
    expect(asCsv.message).toMatch(/accounts: cannot read .*accounts\.parquet: expected text, but the file is a Parquet file/);
    const duck = await rejection(openDatabase({ tables: { accounts: { primaryKey: 'id', source: { kind: 'duckdb', path: join(dir, 'accounts.csv') } } } }));
    expect(duck.message).toMatch(/expected a DuckDB database, but the file is text/);
    const missing = await rejection(openDatabase({ tables: { accounts: { primaryKey: 'id', source: { kind: 'csv', path: join(dir, 'nope.csv') } } } }));
    expect(missing).toBeInstanceOf(SourceError);
    expect(missing.message).toMatch(/no such file/);
  });

  test('a corrupt Parquet file with the right magic bytes fails with DuckDB\'s reason', async () => {
    writeFileSync(join(dir, 'corrupt.parquet'), 'PAR1 this is not really parquet');
    const error = await rejection(openDatabase({ tables: { t: { source: { kind: 'parquet', path: join(dir, 'corrupt.parquet') } } } }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.table).toBe('t');
  });
});

describe('a schema naming what the data lacks', () => {
  test('a missing table in a folder source and in a DuckDB file', async () => {
    const tables = { ...HAND_MADE_TABLES, cards: { primaryKey: 'id' } };
    const folder = await rejection(openDatabase({ source: { kind: 'parquet', path: dir }, tables, target }));
    expect(folder).toBeInstanceOf(MissingTableError);
    expect(folder.table).toBe('cards');
    const db = await rejection(openDatabase({ source: { kind: 'duckdb', path: join(dir, 'db.duckdb') }, tables, target }));
    expect(db).toBeInstanceOf(MissingTableError);
    expect(db.message).toMatch(/cards: table not found \(.*db\.duckdb has no table 'cards'\)/);
  });

  test.each([
    ['primary key', (s: RelationalSchema): unknown => (s.tables['merchants']!.primaryKey = 'merchant_no'), 'merchants', 'merchant_no'],
    ['time', (s: RelationalSchema): unknown => (s.tables['transactions']!.time = 'timestamp'), 'transactions', 'timestamp'],
    ['foreign key', (s: RelationalSchema): unknown => (s.tables['transactions']!.foreignKeys = { card_id: 'accounts' }), 'transactions', 'card_id'],
    ['encoder override', (s: RelationalSchema): unknown => (s.tables['merchants']!.columns = { mcc: { type: 'categorical' } }), 'merchants', 'mcc'],
    ['target', (s: RelationalSchema): unknown => (s.target = { table: 'transactions', column: 'label', task: 'binary' }), 'transactions', 'label'],
  ] as const)('a missing %s column', async (role, change, table, column) => {
    const schema = handMadeSchema();
    change(schema);
    const error = await rejection(openDatabase(schema, { threads: 1 }));
    expect(error).toBeInstanceOf(MissingColumnError);
    expect(error).toMatchObject({ table, column });
    expect(error.message).toContain(`${role} column not found`);
  });
});

describe('extensions and nothing half-written', () => {
  test('a SQLite source without the sqlite extension names the extension', async () => {
    writeFileSync(join(dir, 'db.sqlite'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84)]));
    const error = await rejection(openDatabase({ source: { kind: 'sqlite', path: join(dir, 'db.sqlite') }, tables: HAND_MADE_TABLES, target }));
    expect(error).toBeInstanceOf(MissingExtensionError);
    expect(error).toMatchObject({ extension: 'sqlite', table: 'accounts' });
    expect(error.message).toMatch(/INSTALL sqlite/);
  });

  test('a failed open leaves the DuckDB file byte-identical and closes the engine it created', async () => {
    const path = join(dir, 'db.duckdb');
    const before = readFileSync(path);
    const close = vi.spyOn(NodeDuckDBEngine.prototype, 'close');
    const error = await rejection(
      openDatabase({ source: { kind: 'duckdb', path }, tables: { ...HAND_MADE_TABLES, transactions: { ...HAND_MADE_TABLES['transactions'], primaryKey: 'channel' } }, target }),
    );
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(close).toHaveBeenCalledTimes(1);
    close.mockRestore();
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
