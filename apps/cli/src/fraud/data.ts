/**
 * The payments dataset as the fraud / churn models see it: generated (or
 * read from a folder), opened with `@gnnjs/relational` (category columns one-hot),
 * split by time into three snapshots, turned into features
 * ({@link transformFeatures}) and `HeteroGraph`s with node times in seconds
 * from the start of the period, plus the temporal samplers' stores.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { HeteroGraph, InMemoryFeatureStore, InMemoryGraphStore, type EdgeType, type FeatureStore, type GraphStore } from '@gnnjs/core';
import { PAYMENTS_START, PAYMENTS_TASKS, type PaymentsTask, type PaymentsTaskName } from '@gnnjs/datasets';
import { MANIFEST_FILE, PaymentsFraud, type PaymentsManifest } from '@gnnjs/datasets/node';
import { loadSchema, openDatabase, type RelationalGraphArrays } from '@gnnjs/relational';
import { UsageError } from '../cli_error.js';
import { fitFeatureStats, transformFeatures, type TypeFeatures } from './features.js';

export const SPLITS = ['train', 'val', 'test'] as const;
export type SplitKey = (typeof SPLITS)[number];

/** Where the dataset comes from: a folder written by `gnnjs data generate payments`, or a generation into the cache. */
export type PaymentsSource = { dataDir: string } | { scale: number; seed: number; root?: string | undefined };

/** One temporal snapshot, ready to sample from. */
export interface PaymentsSnapshot {
  readonly split: SplitKey;
  readonly graph: HeteroGraph;
  /** Target rows of this split (the seeds). */
  readonly index: Int32Array;
  /** 0/1 label of every target row (NaN rows read 0; only `index` rows are labelled). */
  readonly labels: Float32Array;
  /** Seconds from the start of the period of every row of each timed type. */
  readonly time: Readonly<Record<string, Float64Array>>;
  /** Stores for temporal sampling (built once per snapshot). */
  readonly stores: { graphStore: GraphStore; featureStore: FeatureStore };
}

/** The dataset ready for training and explaining. */
export interface PaymentsData {
  readonly dir: string;
  readonly manifest: PaymentsManifest;
  readonly task: PaymentsTask;
  readonly targetType: string;
  readonly metadata: readonly [readonly string[], readonly EdgeType[]];
  readonly widths: Readonly<Record<string, number>>;
  readonly featureNames: Readonly<Record<string, readonly string[]>>;
  readonly staticTypes: readonly string[];
  readonly splits: Readonly<Record<SplitKey, PaymentsSnapshot>>;
  /** Primary key of every row, per type (ids are dense in this dataset, so key = row). */
  readonly keys: Readonly<Record<string, Float64Array>>;
  dispose(): void;
}

const START_MS = Date.parse(PAYMENTS_START);

async function readManifest(dir: string): Promise<PaymentsManifest> {
  try {
    return JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as PaymentsManifest;
  } catch (error) {
    throw new UsageError(`${dir} is not a payments dataset folder (no readable ${MANIFEST_FILE}; write one with 'gnnjs data generate payments --out ${dir}'): ${(error as Error).message}`);
  }
}

/** The dataset folder: the given one, or the cache's (generated on first use). */
async function datasetFolder(source: PaymentsSource, task: PaymentsTaskName): Promise<string> {
  if ('dataDir' in source) return source.dataDir;
  const data = await PaymentsFraud.load({ scale: source.scale, seed: source.seed, task, ...(source.root === undefined ? {} : { root: source.root }) });
  await data.close();
  return data.dir;
}

function toGraph(arrays: RelationalGraphArrays, features: Record<string, TypeFeatures>, targetType: string): { graph: HeteroGraph; time: Record<string, Float64Array>; labels: Float32Array } {
  const time: Record<string, Float64Array> = {};
  for (const [t, node] of Object.entries(arrays.nodes)) if (node.time !== undefined) time[t] = Float64Array.from(node.time, (ms) => (ms - START_MS) / 1000);
  const y = arrays.nodes[targetType]!.y!;
  const labels = Float32Array.from(y, (v) => (v === 1 ? 1 : 0));
  const graph = new HeteroGraph({
    nodes: Object.fromEntries(
      Object.entries(features).map(([t, f]) => [
        t,
        {
          x: tf.tensor2d(f.x, [f.numNodes, f.names.length]),
          numNodes: f.numNodes,
          ...(time[t] === undefined ? {} : { time: tf.tensor1d(Int32Array.from(time[t]!, Math.round), 'int32') }),
          ...(t === targetType ? { y: tf.tensor1d(labels) } : {}),
        },
      ]),
    ),
    edges: arrays.edges.map((e) => ({ type: e.type, edgeIndex: [e.src, e.dst] as [Int32Array, Int32Array] })),
  });
  return { graph, time, labels };
}

/**
 * Loads the payments dataset for `task` (`'fraud'`: transactions, `'churn'`:
 * account cut-offs) and builds its three snapshots.
 */
export async function loadPaymentsData(source: PaymentsSource, taskName: PaymentsTaskName): Promise<PaymentsData> {
  const task = PAYMENTS_TASKS[taskName];
  const dir = await datasetFolder(source, taskName);
  const manifest = await readManifest(dir);
  const schema = await loadSchema(join(dir, task.schemaFile));
  // Categories one-hot (the transactions' 17 categories would otherwise become an embedding index).
  const db = await openDatabase({ ...schema, encoders: { ...schema.encoders, oneHotMaxCardinality: 32 } });
  let arrays: Record<SplitKey, RelationalGraphArrays>;
  let indices: Record<SplitKey, Int32Array>;
  try {
    const s = await db.split(task.split);
    arrays = { train: s.train.graph, val: s.val.graph, test: s.test.graph };
    indices = { train: s.train.index, val: s.val.index, test: s.test.index };
  } finally {
    await db.close();
  }
  const targetType = task.target.table;
  const timeColumns = Object.fromEntries(Object.entries(schema.tables).flatMap(([t, spec]) => (spec.time === undefined ? [] : [[t, spec.time]])));
  const stats = fitFeatureStats(arrays.train);
  const made: HeteroGraph[] = [];
  try {
    const snapshots = {} as Record<SplitKey, PaymentsSnapshot>;
    let featureNames: Record<string, string[]> = {};
    for (const split of SPLITS) {
      const features = transformFeatures(arrays[split], timeColumns, stats);
      featureNames = Object.fromEntries(Object.entries(features).map(([t, f]) => [t, f.names]));
      const { graph, time, labels } = toGraph(arrays[split], features, targetType);
      made.push(graph);
      const staticNodeTypes = graph.metadata()[0].filter((t) => time[t] === undefined);
      const stores = {
        graphStore: InMemoryGraphStore.fromHeteroGraph(graph, { timeAttr: 'time', staticNodeTypes }) as GraphStore,
        featureStore: InMemoryFeatureStore.fromHeteroGraph(graph) as FeatureStore,
      };
      snapshots[split] = { split, graph, index: indices[split], labels, time, stores };
    }
    const graph = snapshots.train.graph;
    const metadata = graph.metadata();
    const keys = Object.fromEntries(Object.entries(arrays.test.nodes).map(([t, n]) => [t, n.key ?? Float64Array.from({ length: n.numNodes }, (_, i) => i)]));
    return {
      dir,
      manifest,
      task,
      targetType,
      metadata,
      widths: Object.fromEntries(Object.entries(featureNames).map(([t, names]) => [t, names.length])),
      featureNames,
      staticTypes: metadata[0].filter((t) => snapshots.train.time[t] === undefined),
      splits: snapshots,
      keys,
      dispose: () => {
        for (const g of made) g.dispose();
      },
    };
  } catch (error) {
    for (const g of made) g.dispose();
    throw error;
  }
}

/** One line about the data, e.g. `payments-fraud (scale 0.05): 51 147 transactions, … 34 615 / 8 523 / 8 009 target rows`. */
export function describePayments(data: PaymentsData): string {
  const counts = SPLITS.map((s) => {
    const { index, labels } = data.splits[s];
    let pos = 0;
    for (const i of index) pos += labels[i]!;
    return `${s} ${index.length} (${pos} positive)`;
  });
  const rows = data.metadata[0].map((t) => `${data.splits.test.graph.node(t).numNodes} ${t}`).join(', ');
  return `payments ${data.task.name} (scale ${data.manifest.scale}, seed ${data.manifest.seed}): ${rows}; ${data.targetType} to score: ${counts.join(', ')}`;
}
