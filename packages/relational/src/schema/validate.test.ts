import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { defineSchema, loadSchema, openDatabase, parseSchema, SchemaError } from '../index.js';
import { HAND_MADE_TABLES, writeHandMade } from '../test_support/hand_made.js';

const ok = {
  tables: {
    accounts: { primaryKey: 'id' },
    transactions: { primaryKey: 'id', time: 'ts', foreignKeys: { account_id: 'accounts.id' }, columns: { memo: { type: 'text', mode: 'hash', dims: 8 } } },
  },
  target: { table: 'transactions', column: 'is_fraud', task: 'binary' },
};

function schemaError(value: unknown): SchemaError {
  try {
    parseSchema(value);
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaError);
    return error as SchemaError;
  }
  throw new Error('expected a SchemaError');
}

describe('parseSchema', () => {
  test('accepts a valid schema and defineSchema returns it', () => {
    expect(parseSchema(ok)).toBe(ok);
    expect(defineSchema(ok as Parameters<typeof defineSchema>[0])).toBe(ok);
  });

  test.each([
    [{}, 'tables', /expected an object/],
    [{ tables: {} }, 'tables', /at least one table/],
    [{ tables: { a: { primaryKey: 3 } } }, 'tables.a.primaryKey', /non-empty string/],
    [{ tables: { a: { primarykey: 'id' } } }, 'tables.a.primarykey', /unknown field/],
    [{ tables: { a: { foreignKeys: { b_id: 'b' } } } }, 'tables.a.foreignKeys.b_id', /does not define/],
    [{ tables: { a: { foreignKeys: { b_id: 'b' } }, b: {} } }, 'tables.a.foreignKeys.b_id', /has no primaryKey/],
    [{ tables: { a: { foreignKeys: { b_id: 'b.code' } }, b: { primaryKey: 'id' } } }, 'tables.a.foreignKeys.b_id', /primary key is 'id'/],
    [{ tables: { a: { columns: { c: { type: 'float' } } } } }, 'tables.a.columns.c.type', /expected one of/],
    [{ tables: { a: { columns: { c: { type: 'categorical', mode: 'hash' } } } } }, 'tables.a.columns.c.mode', /'auto', 'onehot' or 'embedding'/],
    [{ tables: { a: { source: { kind: 'excel', path: 'x' } } } }, 'tables.a.source.kind', /unknown source kind/],
    [{ tables: { a: {} }, target: { table: 'b', column: 'y', task: 'binary' } }, 'target.table', /not in the schema/],
    [{ tables: { a: {} }, target: { table: 'a', column: 'y', task: 'ranking' } }, 'target.task', /'binary', 'multiclass' or 'regression'/],
    [{ tables: { a: { primaryKey: 'y' } }, target: { table: 'a', column: 'y', task: 'binary' } }, 'target.column', /key column/],
    [{ tables: { a: {} }, encoders: { oneHotMaxCardinality: 0 } }, 'encoders.oneHotMaxCardinality', /positive integer/],
  ])('%j fails at %s', (value, path, message) => {
    const error = schemaError(value);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });
});

describe('loadSchema', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gnnjs-relational-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads JSON, resolves source paths against the file, and opens in one call', async () => {
    await writeHandMade(dir);
    const path = join(dir, 'schema.json');
    writeFileSync(path, JSON.stringify({ source: { kind: 'parquet', path: '.' }, tables: HAND_MADE_TABLES, target: ok.target }));
    const schema = await loadSchema(path);
    expect(schema.source).toEqual({ kind: 'parquet', path: dir });
    const db = await openDatabase(path, { threads: 1 });
    expect(db.tables.map((t) => [t.name, t.numRows])).toEqual([['accounts', 3], ['merchants', 2], ['transactions', 5]]);
    await db.close();
  });

  test('invalid JSON and a missing file are SchemaErrors naming the file', async () => {
    writeFileSync(join(dir, 'bad.json'), '{ "tables": ');
    await expect(loadSchema(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json: not valid JSON/);
    await expect(loadSchema(join(dir, 'none.json'))).rejects.toThrow(SchemaError);
  });
});
