/**
 * Encoders and targets beyond the hand-made database's: multiclass labels
 * (classes from training rows, unseen ones -1 with a warning), hashed text,
 * embedding indices, NaN as missing, DATE columns, tables without a primary
 * key, exact duplicate rows.
 */
import { describe, expect, test } from 'vitest';
import { openDatabase, type RelationalGraphArrays, type RelationalSchema } from '../index.js';

const day = (s: string): Date => new Date(`${s}T00:00:00Z`);

async function graphOf(schema: RelationalSchema): Promise<RelationalGraphArrays> {
  const db = await openDatabase(schema, { threads: 1 });
  try {
    return await db.toGraph();
  } finally {
    await db.close();
  }
}

describe('targets', () => {
  const tickets = (task: 'multiclass' | 'regression', column: string): RelationalSchema => ({
    tables: {
      tickets: {
        primaryKey: 'id',
        time: 'opened',
        source: {
          kind: 'arrays',
          columns: {
            id: [1, 2, 3, 4],
            opened: [day('2024-01-01'), day('2024-01-02'), day('2024-02-01'), day('2024-03-01')],
            priority: ['low', 'high', 'urgent', null],
            hours: [1.5, 2.5, null, 4],
          },
        },
      },
    },
    target: { table: 'tickets', column, task },
  });

  test('multiclass: classes from training rows; an unseen class is -1 and a warning', async () => {
    const db = await openDatabase(tickets('multiclass', 'priority'), { threads: 1 });
    const { train, val, test } = await db.split({ train: '2024-01-15', val: '2024-02-15', test: '2024-03-15' });
    await db.close();
    expect(train.graph.target!.classes).toEqual(['high', 'low']);
    expect(Array.from(train.graph.nodes['tickets']!.y!)).toEqual([1, 0, -1, -1]);
    expect(Array.from(val.graph.nodes['tickets']!.y!)).toEqual([1, 0, -1, -1]);
    expect(val.graph.warnings).toEqual([expect.objectContaining({ kind: 'unseen-class', table: 'tickets', column: 'priority', count: 1 })]);
    // 'urgent' and NULL have no usable label: no split selects them.
    expect(Array.from(val.mask)).toEqual([0, 0, 0, 0]);
    expect(Array.from(test.mask)).toEqual([0, 0, 0, 0]);
    expect(Array.from(train.index)).toEqual([0, 1]);
  });

  test('regression: raw values, NULL → NaN, not standardised', async () => {
    const g = await graphOf(tickets('regression', 'hours'));
    expect(Array.from(g.nodes['tickets']!.y!)).toEqual([1.5, 2.5, NaN, 4]);
    expect(g.nodes['tickets']!.featureNames).not.toContain('hours');
  });
});

describe('encoders', () => {
  test('hashed text: token counts in dims buckets; same tokens, same vector', async () => {
    const g = await graphOf({
      tables: {
        notes: {
          primaryKey: 'id',
          columns: { body: { type: 'text', mode: 'hash', dims: 8 }, skipped: { type: 'text' } },
          source: { kind: 'arrays', columns: { id: [1, 2, 3, 4], body: ['Card declined', 'card, DECLINED!', 'refund refund refund', null], skipped: ['a', 'b', 'c', 'd'] } },
        },
      },
    });
    const notes = g.nodes['notes']!;
    expect(notes.featureNames).toEqual(Array.from({ length: 8 }, (_, k) => `body#${k}`));
    const row = (i: number) => Array.from(notes.x.subarray(i * 8, i * 8 + 8));
    expect(row(0)).toEqual(row(1)); // case and punctuation do not matter
    expect(row(0).reduce((a, b) => a + b)).toBe(2);
    expect(row(2).filter((v) => v > 0)).toEqual([3]);
    expect(row(3)).toEqual(new Array(8).fill(0));
    expect(notes.encoders).toEqual([{ column: 'body', encoder: 'hash', dims: 8, features: notes.featureNames }]);
  });

  test('embedding indices, NaN as missing, DATE columns without an hour, an "always" missing flag', async () => {
    const g = await graphOf({
      tables: {
        items: {
          primaryKey: 'sku',
          columns: { brand: { type: 'categorical', mode: 'embedding' }, weight: { type: 'numeric', missingFlag: 'always' } },
          source: {
            kind: 'arrays',
            columns: {
              sku: ['b', 'a', 'c'],
              brand: ['acme', 'zeta', 'acme'],
              price: new Float64Array([1, NaN, 3]),
              weight: [2, 4, 6],
              launched: [day('2024-01-01'), day('2024-01-08'), null],
            },
            types: { launched: 'DATE' },
          },
        },
      },
    });
    const items = g.nodes['items']!;
    expect(items.categoricalNames).toEqual(['brand']);
    expect(Array.from(items.categorical)).toEqual([2, 1, 1]); // ids by sku: a (zeta), b (acme), c (acme)
    expect(items.cardinalities).toEqual([3]);
    expect(items.featureNames).toEqual([
      'price',
      'price:missing',
      'weight',
      'weight:missing',
      'launched:dow_sin',
      'launched:dow_cos',
      'launched:month_sin',
      'launched:month_cos',
      'launched:age_years',
      'launched:missing',
    ]);
    const at = (i: number, f: string) => items.x[i * items.featureNames.length + items.featureNames.indexOf(f)];
    expect([at(0, 'price'), at(0, 'price:missing')]).toEqual([0, 1]); // sku a has NaN
    expect(at(1, 'price')).toBeCloseTo(-1, 6); // prices 1 and 3: mean 2, std 1
    expect([at(0, 'weight:missing'), at(1, 'weight:missing')]).toEqual([0, 0]);
    expect(at(2, 'launched:missing')).toBe(1);
    // Reference time: the latest timestamp (2024-01-08); item b launched a week earlier.
    expect(at(1, 'launched:age_years')).toBeCloseTo(7 / 365.25, 6);
  });

  test('a table without a primary key: ids follow the sorted rows; exact duplicates dropped on request', async () => {
    const schema: RelationalSchema = {
      tables: {
        events: {
          deduplicate: true,
          source: { kind: 'arrays', columns: { kind: ['b', 'a', 'b', 'c'], n: [2, 1, 2, 0] } },
        },
      },
    };
    const warnings: unknown[] = [];
    const db = await openDatabase(schema, { threads: 1, onWarning: (w) => warnings.push(w) });
    const g = await db.toGraph();
    await db.close();
    expect(warnings).toEqual([expect.objectContaining({ kind: 'duplicate-rows', table: 'events', count: 1 })]);
    const events = g.nodes['events']!;
    expect(events.numNodes).toBe(3);
    const kind = events.featureNames.indexOf('kind=a');
    expect([0, 1, 2].map((i) => events.x[i * events.featureNames.length + kind])).toEqual([1, 0, 0]); // (a,1), (b,2), (c,0)
  });
});

describe('edge cases', () => {
  test('an empty table and a table with no feature columns', async () => {
    const g = await graphOf({
      tables: {
        parents: { primaryKey: 'id', source: { kind: 'arrays', columns: { id: [1, 2] } } },
        children: {
          primaryKey: 'id',
          foreignKeys: { parent_id: 'parents' },
          source: { kind: 'arrays', columns: { id: [] as number[], parent_id: [] as number[], amount: [] as number[] }, types: { id: 'BIGINT', parent_id: 'BIGINT', amount: 'DOUBLE' } },
        },
      },
    });
    expect(g.nodes['parents']).toMatchObject({ numNodes: 2, featureNames: [] });
    expect(g.nodes['parents']!.x.length).toBe(0);
    expect(g.nodes['children']).toMatchObject({ numNodes: 0, featureNames: ['amount'] });
    expect(g.edges.map((e) => e.numEdges)).toEqual([0, 0]);
  });
});
