/**
 * One generated dataset written as Parquet, as CSV and as a DuckDB database
 * file loads through `@gnnjs/relational` into the same graph: every node
 * count, feature, categorical index, key, time, label and edge, bit for bit,
 * for the whole database and for the fraud task's split snapshots.
 */
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { openDatabase, toHeteroGraph, type RelationalGraphArrays } from '@gnnjs/relational';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePayments } from '../generate.js';
import { PAYMENTS_FORMATS, PAYMENTS_GRAPH_TABLES, PAYMENTS_TABLES, PAYMENTS_TASKS, type PaymentsFormat } from '../schema.js';
import { writePaymentsDataset } from './write.js';

let root: string;
const dirs = {} as Record<PaymentsFormat, string>;

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'gnnjs-payments-formats-'));
  const tables = generatePayments({ scale: 0.01, seed: 4 });
  for (const format of PAYMENTS_FORMATS) {
    dirs[format] = join(root, format);
    await writePaymentsDataset(tables, dirs[format], { format });
  }
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every typed array of the graph (as bytes, so NaN labels compare too) and every other field as JSON-able data. */
function contents(graph: RelationalGraphArrays): { arrays: Map<string, Buffer>; rest: unknown } {
  const arrays = new Map<string, Buffer>();
  const add = (name: string, a: ArrayBufferView | undefined): void => {
    if (a !== undefined) arrays.set(name, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  };
  const rest: Record<string, unknown> = { target: graph.target, referenceTime: graph.referenceTime, cutoff: graph.cutoff, warnings: graph.warnings };
  for (const [type, node] of Object.entries(graph.nodes)) {
    const { x, categorical, time, key, y, ...meta } = node;
    rest[type] = { ...meta, yType: y?.constructor.name };
    add(`${type}.x`, x);
    add(`${type}.categorical`, categorical);
    add(`${type}.time`, time);
    add(`${type}.key`, key);
    add(`${type}.y`, y);
  }
  for (const edge of graph.edges) {
    const name = edge.type.join(' ');
    rest[name] = edge.numEdges;
    add(`${name}.src`, edge.src);
    add(`${name}.dst`, edge.dst);
    add(`${name}.time`, edge.time);
  }
  return { arrays, rest };
}

/** The HeteroGraph's tensors, read back: what a model sees. */
function tensors(graph: RelationalGraphArrays): Map<string, Buffer> {
  const hetero = toHeteroGraph(graph);
  try {
    const out = new Map<string, Buffer>();
    const add = (name: string, t: tf.Tensor | undefined): void => {
      if (t === undefined) return;
      const data = t.dataSync();
      out.set(`${name} ${t.dtype} [${t.shape.join(',')}]`, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    };
    for (const type of hetero.nodeTypes) {
      const node = hetero.node(type);
      add(`${type}.x`, node.x);
      add(`${type}.y`, node.y);
      add(`${type}.time`, node.time);
    }
    for (const edge of hetero.edgeStores()) {
      add(`${edge.type.join(' ')}.edgeIndex`, edge.edgeIndex);
      add(`${edge.type.join(' ')}.edgeTime`, edge.edgeTime);
    }
    return out;
  } finally {
    hetero.dispose();
  }
}

/** Names of the arrays that differ between two graphs (empty when they are the same to the bit). */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((name) => a.get(name)?.equals(b.get(name) ?? Buffer.alloc(0)) !== true);
}

async function load(format: PaymentsFormat): Promise<{ whole: RelationalGraphArrays; snapshots: RelationalGraphArrays[]; masks: Uint8Array[] }> {
  const db = await openDatabase(join(dirs[format], 'schema.json'), { threads: 1 });
  try {
    const whole = await db.toGraph();
    const { train, val, test } = await db.split(PAYMENTS_TASKS.fraud.split);
    return { whole, snapshots: [train.graph, val.graph, test.graph], masks: [train.mask, val.mask, test.mask] };
  } finally {
    await db.close();
  }
}

describe('PaymentsFraud as Parquet, CSV and a DuckDB file', { timeout: 120_000 }, () => {
  it('the duckdb format is one database file holding every table, and the schemas point at it', async () => {
    expect((await readdir(dirs.duckdb)).sort()).toEqual(['dataset.json', 'payments.duckdb', 'schema.churn.json', 'schema.json']);
    expect((await readdir(root)).sort()).toEqual([...PAYMENTS_FORMATS].sort()); // no temporary folder left
    for (const file of ['schema.json', 'schema.churn.json']) {
      const schema = JSON.parse(await readFile(join(dirs.duckdb, file), 'utf8')) as { source: unknown };
      expect(schema.source).toEqual({ kind: 'duckdb', path: 'payments.duckdb' });
    }
    const manifest = JSON.parse(await readFile(join(dirs.duckdb, 'dataset.json'), 'utf8')) as { format: string; rows: Record<string, number> };
    expect(manifest.format).toBe('duckdb');
    const db = await openDatabase(join(dirs.duckdb, 'schema.json'), { threads: 1 });
    expect(db.tables.map((t) => [t.name, t.numRows])).toEqual(PAYMENTS_GRAPH_TABLES.map((t) => [t, manifest.rows[t]]));
    await db.close();
    expect(Object.keys(manifest.rows)).toEqual([...PAYMENTS_TABLES]);
  });

  it('load into the same graph: node counts, features, encoders, keys, times, labels and edges, whole and split', async () => {
    const [parquet, csv, duckdb] = await Promise.all(PAYMENTS_FORMATS.map(load));
    const expected = [parquet!.whole, ...parquet!.snapshots].map(contents);
    const expectedTensors = [parquet!.whole, ...parquet!.snapshots].map(tensors);
    // Something to compare: every table, every foreign key, labels and fraud.
    expect(Object.keys(parquet!.whole.nodes).sort()).toEqual([...PAYMENTS_GRAPH_TABLES]);
    expect(parquet!.whole.edges).toHaveLength(12);
    expect(parquet!.whole.nodes['transactions']!.featureNames.length).toBeGreaterThan(10);
    expect(Array.from(parquet!.whole.nodes['transactions']!.y!).filter((v) => v === 1).length).toBeGreaterThan(50);
    for (const [format, other] of [['csv', csv!], ['duckdb', duckdb!]] as const) {
      [other.whole, ...other.snapshots].forEach((graph, i) => {
        const got = contents(graph);
        expect(got.rest, `${format}, graph ${i}`).toEqual(expected[i]!.rest);
        expect(differences(got.arrays, expected[i]!.arrays), `${format}, graph ${i}`).toEqual([]);
        expect(differences(tensors(graph), expectedTensors[i]!), `${format}, graph ${i}: HeteroGraph`).toEqual([]);
      });
      expect(other.masks).toEqual(parquet!.masks);
    }
  });
});
