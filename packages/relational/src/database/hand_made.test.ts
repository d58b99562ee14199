/**
 * The hand-made database (src/test_support/hand_made.ts) with every id, edge
 * and encoded value worked out by hand; and the same tables read from Parquet,
 * CSV, a DuckDB file, in-memory arrays and an Arrow table give the same graph.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type RelationalGraphArrays, type RelationalSchema } from '../index.js';
import { HAND_MADE, HAND_MADE_TABLES, handMadeSchema, writeHandMade } from '../test_support/hand_made.js';

const YEAR_MS = 365.25 * 86_400_000;
const utc = (s: string): number => Date.parse(`${s}Z`);

/** sin/cos features of a UTC time as the encoder defines them (ISO weekday, Monday = 0). */
function cyclic(ms: number, withHour: boolean): number[] {
  const d = new Date(ms);
  const pair = (v: number, period: number) => [Math.sin((2 * Math.PI * v) / period), Math.cos((2 * Math.PI * v) / period)];
  return [
    ...(withHour ? pair(d.getUTCHours(), 24) : []),
    ...pair((d.getUTCDay() + 6) % 7, 7),
    ...pair(d.getUTCMonth(), 12),
  ];
}

function rows(x: Float32Array, width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < x.length; i += width) out.push(Array.from(x.subarray(i, i + width)));
  return out;
}

function expectRowsClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(row.length).toBe(expected[i]!.length);
    row.forEach((v, j) => expect(v, `row ${i} column ${j}`).toBeCloseTo(expected[i]![j]!, 5));
  });
}

let graph: RelationalGraphArrays;

beforeAll(async () => {
  const db = await openDatabase(handMadeSchema(), { threads: 1 });
  graph = await db.toGraph();
  await db.close();
});

describe('hand-made database, toGraph', () => {
  test('node ids are dense 0..n-1 in primary-key order', () => {
    expect(graph.nodes['accounts']!.numNodes).toBe(3);
    expect(Array.from(graph.nodes['accounts']!.key!)).toEqual([10, 20, 30]);
    expect(Array.from(graph.nodes['transactions']!.key!)).toEqual([1, 2, 3, 4, 5]);
    // VARCHAR keys are not copied out ('m1' → 0, 'm2' → 1, seen through the edges below).
    expect(graph.nodes['merchants']!.key).toBeUndefined();
    expect(graph.nodes['merchants']!.numNodes).toBe(2);
  });

  test('each foreign key is an edge type and its reverse, remapped to dense ids, with times', () => {
    const types = graph.edges.map((e) => e.type.join(' '));
    expect(types).toEqual([
      'transactions account_id accounts',
      'accounts rev_account_id transactions',
      'transactions merchant_id merchants',
      'merchants rev_merchant_id transactions',
    ]);
    const [toAccount, fromAccount, toMerchant] = graph.edges;
    expect(Array.from(toAccount!.src)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(toAccount!.dst)).toEqual([0, 1, 2, 0, 1]); // accounts 10, 20, 30, 10, 20
    expect(Array.from(fromAccount!.src)).toEqual([0, 1, 2, 0, 1]);
    expect(Array.from(fromAccount!.dst)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(toMerchant!.dst)).toEqual([0, 0, 1, 1, 1]); // m1, m1, m2, m2, m2
    expect(Array.from(toAccount!.time!)).toEqual(
      ['2024-01-01T08:00:00', '2024-01-02T12:00:00', '2024-01-03T18:00:00', '2024-02-01T09:00:00', '2024-03-01T10:00:00'].map(utc),
    );
    expect(Array.from(graph.nodes['transactions']!.time!)).toEqual(Array.from(toAccount!.time!));
  });

  test('accounts: one-hot category, standardised numeric with a missing flag, timestamp, boolean with a missing flag', () => {
    const accounts = graph.nodes['accounts']!;
    expect(accounts.featureNames).toEqual([
      'kind=<unknown>',
      'kind=business',
      'kind=retail',
      'balance',
      'balance:missing',
      'opened_at:hour_sin',
      'opened_at:hour_cos',
      'opened_at:dow_sin',
      'opened_at:dow_cos',
      'opened_at:month_sin',
      'opened_at:month_cos',
      'opened_at:age_years',
      'opened_at:missing',
      'vip',
      'vip:missing',
    ]);
    // Ages are relative to the latest time in the database: transaction 5, 2024-03-01 10:00.
    const reference = utc('2024-03-01T10:00:00');
    expect(graph.referenceTime).toBe(reference);
    const opened = (s: string) => [...cyclic(utc(s), true), (reference - utc(s)) / YEAR_MS, 0];
    // balance: 100 (id 30), NULL (id 10), 300 (id 20): mean 200, population std 100.
    expectRowsClose(rows(accounts.x, accounts.featureNames.length), [
      [0, 1, 0, 0, 1, ...opened('2022-06-01T00:00:00'), 0, 0], // id 10: business, balance NULL, vip false
      [0, 0, 1, 1, 0, ...opened('2024-03-01T00:00:00'), 0, 1], // id 20: retail, 300, vip NULL
      [0, 0, 1, -1, 0, ...opened('2023-01-15T10:00:00'), 1, 0], // id 30: retail, 100, vip true
    ]);
    // 2022-06-01 was a Wednesday: ISO weekday 3, angle 2π·2/7.
    expect(accounts.x[7]).toBeCloseTo(Math.sin((2 * Math.PI * 2) / 7), 6);
    expect(accounts.encoders[1]).toEqual({ column: 'balance', encoder: 'numeric', mean: 200, std: 100, features: ['balance', 'balance:missing'] });
  });

  test('transactions: own time column gives cyclic features only; the target and keys are not features', () => {
    const tx = graph.nodes['transactions']!;
    expect(tx.featureNames).toEqual([
      'ts:hour_sin',
      'ts:hour_cos',
      'ts:dow_sin',
      'ts:dow_cos',
      'ts:month_sin',
      'ts:month_cos',
      'amount',
      'channel=<unknown>',
      'channel=atm',
      'channel=pos',
      'channel=web',
    ]);
    const amounts = [10, 20, 30, 1000, 5000];
    const mean = 6060 / 5;
    const std = Math.sqrt(amounts.reduce((s, a) => s + (a - mean) ** 2, 0) / 5);
    const times = ['2024-01-01T08:00:00', '2024-01-02T12:00:00', '2024-01-03T18:00:00', '2024-02-01T09:00:00', '2024-03-01T10:00:00'];
    const channel = { atm: [0, 1, 0, 0], pos: [0, 0, 1, 0], web: [0, 0, 0, 1] };
    const expected = times.map((t, i) => [...cyclic(utc(t), true), (amounts[i]! - mean) / std, ...channel[(['web', 'pos', 'web', 'atm', 'pos'] as const)[i]!]]);
    expectRowsClose(rows(tx.x, tx.featureNames.length), expected);
    // 2024-01-01 08:00 is a Monday in January: hour angle 2π/3, weekday and month angle 0.
    expect(Array.from(tx.x.subarray(0, 6)).map((v) => Number(v.toFixed(4)))).toEqual([0.866, -0.5, 0, 1, 0, 1]);
    expect(Array.from(tx.y!)).toEqual([0, 0, 1, 1, 0]);
    expect(graph.target).toEqual({ table: 'transactions', column: 'is_fraud', task: 'binary' });
  });

  test('merchants: VARCHAR primary key, one-hot category', () => {
    const m = graph.nodes['merchants']!;
    expect(m.featureNames).toEqual(['category=<unknown>', 'category=food', 'category=travel']);
    expect(Array.from(m.x)).toEqual([0, 1, 0, 0, 0, 1]);
  });

  test('categorical columns above the one-hot threshold become embedding indices (0 = unknown)', async () => {
    const schema = handMadeSchema();
    schema.encoders = { oneHotMaxCardinality: 2 };
    const db = await openDatabase(schema, { threads: 1 });
    const g = await db.toGraph();
    await db.close();
    const tx = g.nodes['transactions']!;
    expect(tx.featureNames).not.toContain('channel=atm');
    expect(tx.categoricalNames).toEqual(['channel']);
    expect(tx.cardinalities).toEqual([4]);
    expect(Array.from(tx.categorical)).toEqual([3, 2, 3, 1, 2]); // atm 1, pos 2, web 3
  });
});

describe('the same tables from every source give the same graph', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gnnjs-relational-'));
    await writeHandMade(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const target = { table: 'transactions', column: 'is_fraud', task: 'binary' } as const;
  const load = async (schema: RelationalSchema) => {
    const db = await openDatabase(schema, { threads: 1 });
    try {
      return await db.toGraph();
    } finally {
      await db.close();
    }
  };

  test.each(['parquet', 'csv', 'duckdb'] as const)('%s', async (kind) => {
    const path = kind === 'duckdb' ? join(dir, 'db.duckdb') : dir;
    const fromFiles = await load({ source: { kind, path }, tables: HAND_MADE_TABLES, target });
    expect(fromFiles).toEqual(graph);
  });

  test('an Apache Arrow table per table', async () => {
    const tables: RelationalSchema['tables'] = {};
    for (const [name, t] of Object.entries(HAND_MADE_TABLES)) {
      const data = HAND_MADE[name as keyof typeof HAND_MADE];
      const arrow = tableFromArrays(data.columns as Parameters<typeof tableFromArrays>[0]);
      tables[name] = { ...t, source: { kind: 'arrow', table: arrow, ...(data.types === undefined ? {} : { types: data.types }) } };
    }
    expect(await load({ tables, target })).toEqual(graph);
  });
});
