import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase, toHeteroGraph } from '@gnnjs/relational';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../errors.js';
import { generatePayments } from '../generate.js';
import { PAYMENTS_TABLES } from '../schema.js';
import { PaymentsFraud, paymentsFolderName } from './payments_fraud.js';
import { writePaymentsDataset, type PaymentsManifest } from './write.js';

let root: string;
beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'gnnjs-payments-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** SHA-256-like digest of every table's contents, computed by DuckDB (row order by key). */
async function contentDigest(dir: string, format: 'parquet' | 'csv'): Promise<Record<string, string>> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const out: Record<string, string> = {};
    for (const table of PAYMENTS_TABLES) {
      const reader = await c.runAndReadAll(
        `SELECT count(*)::VARCHAR || ':' || md5(string_agg(t::VARCHAR, chr(10) ORDER BY t::VARCHAR)) AS d FROM '${join(dir, `${table}.${format}`)}' t`,
      );
      out[table] = String(reader.getRowObjectsJS()[0]!['d']);
    }
    return out;
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

const EDGE_TYPES = [
  'cards account_id accounts',
  'accounts rev_account_id cards',
  'transactions account_id accounts',
  'accounts rev_account_id transactions',
  'transactions card_id cards',
  'cards rev_card_id transactions',
  'transactions device_id devices',
  'devices rev_device_id transactions',
  'transactions merchant_id merchants',
  'merchants rev_merchant_id transactions',
  'transactions counterparty_id accounts',
  'accounts rev_counterparty_id transactions',
];

describe('writePaymentsDataset', { timeout: 120_000 }, () => {
  const tables = generatePayments({ scale: 0.01, seed: 5 });
  let manifest: PaymentsManifest;
  let dir: string;

  beforeAll(async () => {
    dir = join(root, 'parquet');
    manifest = await writePaymentsDataset(tables, dir);
  });

  it('writes every table, both schemas and the manifest, and nothing else', async () => {
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([...PAYMENTS_TABLES.map((t) => `${t}.parquet`), 'dataset.json', 'schema.churn.json', 'schema.json'].sort());
    expect(JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8'))).toEqual(manifest);
    expect(manifest.rows['transactions']).toBe(tables.transactions.count);
    expect((await readdir(root)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('the same seed gives the same table contents (DuckDB digests), another seed other contents', async () => {
    const again = join(root, 'again');
    const other = join(root, 'other');
    await writePaymentsDataset(generatePayments({ scale: 0.01, seed: 5 }), again);
    await writePaymentsDataset(generatePayments({ scale: 0.01, seed: 6 }), other);
    const [a, b, c] = await Promise.all([contentDigest(dir, 'parquet'), contentDigest(again, 'parquet'), contentDigest(other, 'parquet')]);
    expect(b).toEqual(a);
    expect(c['transactions']).not.toBe(a['transactions']);
  });

  it('loads with @gnnjs/relational in one call into a HeteroGraph with the expected node and edge types and counts', async () => {
    const db = await openDatabase(join(dir, 'schema.json'), { threads: 1 });
    const graph = await db.toGraph();
    await db.close();
    const hetero = toHeteroGraph(graph);
    try {
      const [nodeTypes, edgeTypes] = hetero.metadata();
      expect([...nodeTypes].sort()).toEqual(['accounts', 'cards', 'devices', 'merchants', 'transactions']);
      expect(edgeTypes.map((t) => t.join(' ')).sort()).toEqual([...EDGE_TYPES].sort());
      for (const type of nodeTypes) expect(graph.nodes[type]!.numNodes).toBe(manifest.rows[type]);
      const tx = tables.transactions;
      const count = (column: Int32Array): number => column.reduce((n, v) => n + (v >= 0 ? 1 : 0), 0);
      const edges = Object.fromEntries(graph.edges.map((e) => [e.type.join(' '), e.src.length]));
      expect(edges['transactions account_id accounts']).toBe(tx.count);
      expect(edges['transactions card_id cards']).toBe(count(tx.cardId));
      expect(edges['transactions device_id devices']).toBe(count(tx.deviceId));
      expect(edges['transactions merchant_id merchants']).toBe(count(tx.merchantId));
      expect(edges['transactions counterparty_id accounts']).toBe(count(tx.counterpartyId));
      expect(edges['cards account_id accounts']).toBe(tables.cards.count);
      // The label is the target, never a feature; ground truth is not in the graph at all.
      const features = graph.nodes['transactions']!.featureNames;
      expect(features.some((f) => f.startsWith('is_fraud'))).toBe(false);
      expect(Array.from(graph.nodes['transactions']!.y!).reduce((s, v) => s + v, 0)).toBe(tx.isFraud.reduce((s, v) => s + v, 0));
    } finally {
      hetero.dispose();
    }
  });

  it('the churn schema splits on its own cut-offs (days 90, 120, 150), with is_fraud left out', async () => {
    const db = await openDatabase(join(dir, 'schema.churn.json'), { threads: 1 });
    const { train, val, test } = await db.split(manifest.tasks.churn.split);
    await db.close();
    const asOf = tables.accountChurn.asOf;
    const rows = (day: number): number => asOf.filter((t) => t === day * 86_400).length;
    expect([train.index.length, val.index.length, test.index.length]).toEqual([rows(90), rows(120), rows(150)]);
    expect(train.graph.nodes['transactions']!.featureNames.some((f) => f.startsWith('is_fraud'))).toBe(false);
  });

  it('CSV holds the same contents as Parquet', async () => {
    const csv = join(root, 'csv');
    await writePaymentsDataset(tables, csv, { format: 'csv' });
    const schema = JSON.parse(await readFile(join(csv, 'schema.json'), 'utf8')) as { source: { kind: string } };
    expect(schema.source.kind).toBe('csv');
    const db = await openDatabase(join(csv, 'schema.json'), { threads: 1 });
    expect(db.tables.map((t) => [t.name, t.numRows])).toEqual(PAYMENTS_TABLES.slice(0, 5).map((t) => [t, manifest.rows[t]]));
    await db.close();
    const [p, c] = await Promise.all([contentDigest(dir, 'parquet'), contentDigest(csv, 'csv')]);
    expect(c['transactions']).toBe(p['transactions']);
    expect(c['accounts']).toBe(p['accounts']);
  });

  it('refuses a folder that is not empty, and leaves it as it was', async () => {
    const busy = join(root, 'busy');
    await writePaymentsDataset(tables, join(busy, 'x')).catch(() => undefined);
    await writeFile(join(busy, 'note.txt'), 'mine');
    await expect(writePaymentsDataset(tables, busy)).rejects.toThrow(DatasetError);
    await expect(writePaymentsDataset(tables, busy)).rejects.toThrow(/is not empty/);
    expect((await readdir(busy)).sort()).toEqual(['note.txt', 'x']);
  });
});

describe('PaymentsFraud.load', { timeout: 120_000 }, () => {
  it('generates into the cache once, then opens the cached folder', async () => {
    const cache = join(root, 'cache');
    const first = await PaymentsFraud.load({ root: cache, scale: 0.01, seed: 2 });
    expect(first.dir).toBe(join(cache, paymentsFolderName(0.01, 2, 'parquet')));
    const { train, val, test } = await first.split();
    await first.close();
    expect(train.index.length + val.index.length + test.index.length).toBe(first.manifest.rows['transactions']);
    const stamp = (await readFile(join(first.dir, 'dataset.json'), 'utf8')).length;
    await writeFile(join(first.dir, 'marker'), 'kept');
    const second = await PaymentsFraud.load({ root: cache, scale: 0.01, seed: 2, task: 'churn' });
    expect(second.task.target).toEqual({ table: 'account_churn', column: 'churn', task: 'binary' });
    await second.close();
    expect((await readdir(first.dir)).includes('marker')).toBe(true); // not regenerated
    expect(stamp).toBeGreaterThan(0);
    expect((await readdir(cache)).sort()).toEqual([paymentsFolderName(0.01, 2, 'parquet')]);
  });
});
