/**
 * Temporal split of the hand-made database, checked exactly, and a proof that
 * nothing from after a cut-off reaches the snapshot: on these tables the
 * leaky answer (the same graph built from every row) is different, so a leak
 * would fail the test.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { DataError, openDatabase, SchemaError, type RelationalGraphArrays, type TemporalSplits } from '../index.js';
import { handMadeSchema } from '../test_support/hand_made.js';

const utc = (s: string): number => Date.parse(`${s}Z`);
const CUTOFFS = { train: '2024-01-31', val: '2024-02-28', test: '2024-03-31' };

let splits: TemporalSplits;
let leaky: RelationalGraphArrays;

/** Mean of a transaction feature over each account's in-edges: what one mean-aggregation layer sees. */
function accountMeanOf(g: RelationalGraphArrays, feature: string): number[] {
  const tx = g.nodes['transactions']!;
  const col = tx.featureNames.indexOf(feature);
  const edges = g.edges.find((e) => e.type[1] === 'rev_account_id')!;
  const sum = new Array<number>(g.nodes['accounts']!.numNodes).fill(0);
  const count = new Array<number>(sum.length).fill(0);
  for (let e = 0; e < edges.numEdges; e += 1) {
    const account = edges.src[e]!;
    sum[account]! += tx.x[edges.dst[e]! * tx.featureNames.length + col]!;
    count[account]! += 1;
  }
  return sum.map((s, i) => (count[i] === 0 ? 0 : s / count[i]!));
}

beforeAll(async () => {
  const db = await openDatabase(handMadeSchema(), { threads: 1 });
  splits = await db.split(CUTOFFS);
  leaky = await db.toGraph();
  await db.close();
});

describe('temporal split', () => {
  test('masks: train ≤ 2024-01-31 < val ≤ 2024-02-28 < test ≤ 2024-03-31', () => {
    expect(Array.from(splits.train.mask)).toEqual([1, 1, 1, 0, 0]);
    expect(Array.from(splits.val.mask)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(splits.test.mask)).toEqual([0, 0, 0, 0, 1]);
    expect(Array.from(splits.test.index)).toEqual([4]);
    expect(splits.train.cutoff).toBe(utc('2024-01-31T00:00:00'));
    expect(splits.train.graph.cutoff).toBe(splits.train.cutoff);
  });

  test('encoders are fitted on training rows only', () => {
    const tx = splits.train.graph.nodes['transactions']!;
    // Training amounts 10, 20, 30: mean 20, population std sqrt(200/3); the val/test amounts 1000 and 5000 do not count.
    expect(tx.encoders.find((e) => e.column === 'amount')).toEqual({
      column: 'amount',
      encoder: 'numeric',
      mean: 20,
      std: Math.sqrt(200 / 3),
      features: ['amount'],
    });
    // 'atm' appears only in validation: no slot of its own, it reads as unknown.
    expect(tx.featureNames.filter((f) => f.startsWith('channel'))).toEqual(['channel=<unknown>', 'channel=pos', 'channel=web']);
    const val = splits.val.graph.nodes['transactions']!;
    const width = val.featureNames.length;
    const at = (name: string) => val.x[3 * width + val.featureNames.indexOf(name)];
    expect([at('channel=<unknown>'), at('channel=pos'), at('channel=web')]).toEqual([1, 0, 0]);
    expect(at('amount')).toBeCloseTo((1000 - 20) / Math.sqrt(200 / 3), 4);
    // The same encoders in every snapshot: shapes agree across splits.
    expect(val.featureNames).toEqual(tx.featureNames);
    expect(splits.test.graph.nodes['transactions']!.featureNames).toEqual(tx.featureNames);
  });

  test('rows after the cut-off have no features, labels or edges in the snapshot', () => {
    const g = splits.train.graph;
    const tx = g.nodes['transactions']!;
    const width = tx.featureNames.length;
    expect(Array.from(tx.x.subarray(3 * width)).every((v) => v === 0)).toBe(true);
    expect(Array.from(tx.y!)).toEqual([0, 0, 1, NaN, NaN]);
    for (const e of g.edges) {
      expect(e.numEdges).toBe(3);
      expect(Math.max(...e.time!)).toBeLessThanOrEqual(splits.train.cutoff);
    }
    // Ids agree across snapshots: later rows stay as isolated nodes.
    expect(tx.numNodes).toBe(5);
    expect(splits.val.graph.edges[0]!.numEdges).toBe(4);
    expect(Array.from(splits.val.graph.nodes['transactions']!.y!)).toEqual([0, 0, 1, 1, NaN]);
    expect(splits.test.graph.edges[0]!.numEdges).toBe(5);
  });

  test('a timestamp later than the prediction time reads as missing (account 20 opened on 2024-03-01)', () => {
    const acc = (g: RelationalGraphArrays) => {
      const a = g.nodes['accounts']!;
      const w = a.featureNames.length;
      return { age: a.x[1 * w + a.featureNames.indexOf('opened_at:age_years')], missing: a.x[1 * w + a.featureNames.indexOf('opened_at:missing')] };
    };
    expect(acc(splits.train.graph)).toEqual({ age: 0, missing: 1 });
    expect(acc(splits.val.graph)).toEqual({ age: 0, missing: 1 });
    const test = acc(splits.test.graph);
    expect(test.missing).toBe(0);
    expect(test.age).toBeCloseTo((utc('2024-03-31T00:00:00') - utc('2024-03-01T00:00:00')) / (365.25 * 86_400_000), 6);
  });

  test('leakage would change the answer: what account 10 aggregates in the training graph', () => {
    // Account 10 (id 0) made transaction 1 (amount 10, train) and transaction 4 (amount 1000, validation).
    const clean = accountMeanOf(splits.train.graph, 'amount');
    expect(clean[0]).toBeCloseTo((10 - 20) / Math.sqrt(200 / 3), 5);
    expect(clean[2]).toBeCloseTo((30 - 20) / Math.sqrt(200 / 3), 5);
    // Built from every row, the same aggregation sees the validation transaction and the test-time statistics.
    const withLeak = accountMeanOf(leaky, 'amount');
    expect(Math.abs(withLeak[0]! - clean[0]!)).toBeGreaterThan(0.5);
  });

  test('bad cut-offs and a target without time are typed errors', async () => {
    const db = await openDatabase(handMadeSchema(), { threads: 1 });
    await expect(db.split({ train: '2024-02-28', val: '2024-01-31', test: '2024-03-31' })).rejects.toThrow(DataError);
    await expect(db.split({ train: 'not a date', val: '2024-01-31', test: '2024-03-31' })).rejects.toThrow(/train: 'not a date'/);
    // Non-finite times fail up front, naming the field, not deep inside the feature SQL.
    await expect(db.split({ train: new Date('not a date'), val: '2024-01-31', test: '2024-03-31' })).rejects.toThrow(/^train: an invalid Date/);
    await expect(db.split({ train: Date.parse('2024-01-31'), val: Date.parse('2024-02-28'), test: Infinity })).rejects.toThrow(/^test: Infinity is not a point in time/);
    await expect(db.split({ train: Date.parse('2024-01-31'), val: Date.parse('2024-02-28'), test: Infinity })).rejects.toThrow(DataError);
    await expect(db.split({ train: '2024-01-31', val: '2024-02-28', test: 'infinity' })).rejects.toThrow(/^test: 'infinity' is not a finite point in time/);
    await expect(db.toGraph({ asOf: NaN })).rejects.toThrow(/^asOf: NaN is not a point in time/);
    await db.close();
    const schema = handMadeSchema();
    schema.target = { table: 'accounts', column: 'balance', task: 'regression' };
    const noTime = await openDatabase(schema, { threads: 1 });
    await expect(noTime.split(CUTOFFS)).rejects.toThrow(SchemaError);
    await noTime.close();
  });
});

describe('one database, many calls', () => {
  test('concurrent calls run one after the other; snapshots share row times and keys', async () => {
    const db = await openDatabase(handMadeSchema(), { threads: 1 });
    const [a, b, s] = await Promise.all([db.toGraph(), db.toGraph(), db.split(CUTOFFS), db.close()]);
    expect(a).toEqual(b);
    expect(s.val.graph.nodes['transactions']!.time).toBe(s.train.graph.nodes['transactions']!.time);
    expect(s.test.graph.nodes['accounts']!.key).toBe(s.train.graph.nodes['accounts']!.key);
    await expect(db.toGraph()).rejects.toThrow(DataError);
  });
});
