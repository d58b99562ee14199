/**
 * Sampler output + feature store → a mini-batch graph (PyG's `filter_data` /
 * `filter_custom_store`): node features of the sampled nodes, edge features of
 * the sampled edges, every tensor created here and owned by the batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  edgeTypeKey,
  type EdgeStoreInit,
  type EdgeTypeKey,
  type FeatureArray,
  type FeatureAttr,
  type FeatureStore,
  type GraphInit,
  type HeteroGraphInit,
  type NodeStoreInit,
} from '@gnnjs/core';
import type { SampleOutput, SamplerGraph } from '../sampler/neighbor_sample.js';
import { SampledGraph, SampledHeteroGraph, SampledLinkGraph, type LinkTargets } from './sampled_graph.js';

const NODE_FIELDS = ['x', 'y', 'trainMask', 'valMask', 'testMask', 'time'] as const;
const EDGE_FIELDS = ['edgeAttr', 'edgeWeight', 'edgeTime'] as const;

/** What the batch says about its seeds. */
export interface SeedInfo {
  inputType: number;
  batchSize: number;
  inputId: Int32Array;
  seedTime: Float64Array | undefined;
}

type Fetched = { group: string; attr: string; array: FeatureArray; numClasses: number | undefined };

/** Reads every known field of every sampled node and edge type from the store, in parallel. */
async function fetchAll(graph: SamplerGraph, out: SampleOutput, features: FeatureStore): Promise<Fetched[]> {
  const attrs = features.attrs();
  const byGroup = new Map<string, FeatureAttr[]>();
  for (const a of attrs) byGroup.set(a.group, [...(byGroup.get(a.group) ?? []), a]);
  const jobs: Promise<Fetched>[] = [];
  graph.nodeTypes.forEach((type, t) => {
    for (const a of byGroup.get(type) ?? []) {
      if (!(NODE_FIELDS as readonly string[]).includes(a.attr)) continue;
      jobs.push(features.get({ group: type, attr: a.attr, index: out.node[t]! }).then((array) => ({ group: type, attr: a.attr, array, numClasses: a.numClasses })));
    }
  });
  graph.edgeTypes.forEach((type, r) => {
    const ids = out.edge[r];
    if (ids === undefined) return;
    const key = edgeTypeKey(type);
    for (const a of byGroup.get(key) ?? []) {
      if (!(EDGE_FIELDS as readonly string[]).includes(a.attr)) continue;
      jobs.push(features.get({ group: key, attr: a.attr, index: ids }).then((array) => ({ group: key, attr: a.attr, array, numClasses: a.numClasses })));
    }
  });
  return Promise.all(jobs);
}

function toTensor(array: FeatureArray, field: string): tf.Tensor {
  const shape = [...array.shape];
  if (field === 'x' && shape.length === 1) shape.push(1);
  return tf.tensor(array.values, shape, array.dtype);
}

function edgeIndexOf(row: Int32Array, col: Int32Array): tf.Tensor2D {
  const data = new Int32Array(row.length * 2);
  data.set(row);
  data.set(col, row.length);
  return tf.tensor2d(data, [2, row.length], 'int32');
}

/** A homogeneous batch. */
export async function assembleGraph(graph: SamplerGraph, out: SampleOutput, features: FeatureStore, seeds: SeedInfo, link?: LinkTargets): Promise<SampledGraph> {
  const fetched = await fetchAll(graph, out, features);
  const created: tf.Tensor[] = [];
  try {
    const edgeIndex = edgeIndexOf(out.row[0]!, out.col[0]!);
    created.push(edgeIndex);
    const init: GraphInit = { edgeIndex, numNodes: out.node[0]!.length };
    for (const f of fetched) {
      if (f.attr === 'time' || f.attr === 'edgeTime') continue;
      const t = toTensor(f.array, f.attr);
      created.push(t);
      (init as unknown as Record<string, tf.Tensor>)[f.attr] = t;
      if (f.attr === 'y' && f.numClasses !== undefined) init.numClasses = f.numClasses;
    }
    const meta = {
      nId: out.node[0]!,
      eId: out.edge[0],
      batchSize: seeds.batchSize,
      inputId: seeds.inputId,
      batch: out.batch?.[0],
      numSampledNodes: out.numSampledNodes[0] ?? [],
      numSampledEdges: out.numSampledEdges[0] ?? [],
      seedTime: seeds.seedTime,
    };
    return link === undefined ? new SampledGraph(init, meta) : new SampledLinkGraph(init, meta, link);
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}

/** A heterogeneous batch. */
export async function assembleHeteroGraph<N extends string>(
  graph: SamplerGraph,
  out: SampleOutput,
  features: FeatureStore,
  seeds: SeedInfo,
  link?: LinkTargets,
): Promise<SampledHeteroGraph<N>> {
  const fetched = await fetchAll(graph, out, features);
  const created: tf.Tensor[] = [];
  try {
    const nodes = {} as Record<N, NodeStoreInit>;
    graph.nodeTypes.forEach((type, t) => ((nodes as Record<string, NodeStoreInit>)[type] = { numNodes: out.node[t]!.length }));
    const edges: EdgeStoreInit<N>[] = graph.edgeTypes.map((type, r) => {
      const edgeIndex = edgeIndexOf(out.row[r]!, out.col[r]!);
      created.push(edgeIndex);
      return { type: type as EdgeStoreInit<N>['type'], edgeIndex };
    });
    const edgeByKey = new Map(graph.edgeTypes.map((type, r) => [edgeTypeKey(type) as string, edges[r]!]));
    for (const f of fetched) {
      const t = toTensor(f.array, f.attr);
      created.push(t);
      const node = (nodes as Record<string, NodeStoreInit>)[f.group];
      if (node !== undefined) {
        (node as Record<string, unknown>)[f.attr] = t;
        if (f.attr === 'y' && f.numClasses !== undefined) node.numClasses = f.numClasses;
      } else {
        (edgeByKey.get(f.group)! as unknown as Record<string, unknown>)[f.attr] = t;
      }
    }
    const init: HeteroGraphInit<N> = { nodes, edges };
    const record = <V>(values: (V | undefined)[], keys: readonly string[]): Record<string, V> => {
      const r: Record<string, V> = {};
      keys.forEach((k, i) => {
        if (values[i] !== undefined) r[k] = values[i]!;
      });
      return r;
    };
    const edgeKeys = graph.edgeTypes.map((t) => edgeTypeKey(t));
    return new SampledHeteroGraph<N>(
      init,
      {
        inputType: graph.nodeTypes[seeds.inputType] as N,
        nId: record(out.node, graph.nodeTypes) as Record<N, Int32Array>,
        eId: record(out.edge, edgeKeys) as Partial<Record<EdgeTypeKey<N>, Int32Array>>,
        batchSize: seeds.batchSize,
        inputId: seeds.inputId,
        batch: out.batch === undefined ? undefined : (record(out.batch, graph.nodeTypes) as Record<N, Int32Array>),
        numSampledNodes: record(out.numSampledNodes, graph.nodeTypes) as Partial<Record<N, number[]>>,
        numSampledEdges: record(out.numSampledEdges, edgeKeys) as Partial<Record<EdgeTypeKey<N>, number[]>>,
        seedTime: seeds.seedTime,
      },
      link,
    );
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}
