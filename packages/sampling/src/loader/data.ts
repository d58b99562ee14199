/** What the loaders sample from: a graph, or a graph store and a feature store. */
import * as tf from '@tensorflow/tfjs-core';
import {
  Graph,
  HeteroGraph,
  InMemoryFeatureStore,
  InMemoryGraphStore,
  nextSeed,
  type FeatureStore,
  type GraphStore,
  type TimeAttr,
} from '@gnnjs/core';
import { SamplingError } from '../errors.js';
import type { SampledGraph, SampledHeteroGraph } from './sampled_graph.js';

/**
 * A `Graph`, a `HeteroGraph` (stores are built from it once, on the host), or
 * PyG's `(FeatureStore, GraphStore)` pair for data that lives elsewhere.
 */
export type LoaderData<N extends string = string> = Graph | HeteroGraph<N> | { graphStore: GraphStore<N>; featureStore: FeatureStore };

/** The node type names of loader data (`'node'` for a `Graph`). */
export type NodeTypeOf<D> = D extends HeteroGraph<infer N> ? N : D extends { graphStore: GraphStore<infer N> } ? N : 'node';

/** What a loader over `D` yields: `SampledGraph`s for a `Graph`, `SampledHeteroGraph`s for a `HeteroGraph`, either for stores. */
export type BatchOf<D> = D extends Graph
  ? SampledGraph
  : D extends HeteroGraph<infer N>
    ? SampledHeteroGraph<N>
    : D extends { graphStore: GraphStore<infer N> }
      ? SampledGraph | SampledHeteroGraph<N>
      : never;

/** The stores of `data`, built for `timeAttr` when given (on `SharedArrayBuffer`s when `shared`, for workers). */
export function resolveStores<N extends string>(
  data: LoaderData<N>,
  timeAttr: TimeAttr | undefined,
  staticNodeTypes: readonly N[] | undefined,
  shared = false,
): { graphStore: GraphStore<N>; featureStore: FeatureStore } {
  if (data instanceof Graph) {
    if (timeAttr !== undefined) {
      throw new SamplingError(
        'timeAttr',
        "a Graph has no time field: build InMemoryGraphStore.fromGraph(graph, { timeAttr, nodeTime }) and pass { graphStore, featureStore }",
      );
    }
    return { graphStore: InMemoryGraphStore.fromGraph(data, { shared }) as unknown as GraphStore<N>, featureStore: InMemoryFeatureStore.fromGraph(data) };
  }
  if (data instanceof HeteroGraph) {
    const options = { shared, ...(timeAttr === undefined ? {} : { timeAttr }), ...(staticNodeTypes === undefined ? {} : { staticNodeTypes }) };
    return { graphStore: InMemoryGraphStore.fromHeteroGraph(data, options), featureStore: InMemoryFeatureStore.fromHeteroGraph(data) };
  }
  if (data === null || typeof data !== 'object' || !('graphStore' in data) || !('featureStore' in data)) {
    throw new SamplingError('data', 'expected a Graph, a HeteroGraph, or { graphStore, featureStore }');
  }
  if (timeAttr !== undefined && data.graphStore.timeAttr !== timeAttr) {
    throw new SamplingError(
      'timeAttr',
      `is '${timeAttr}', but the graph store was built ${data.graphStore.timeAttr === undefined ? 'without times' : `for '${data.graphStore.timeAttr}'`}: its columns must be sorted by that time (build it with { timeAttr: '${timeAttr}' })`,
    );
  }
  return data;
}

/** The loader's seed: the option, else one from `manualSeed`'s stream, else random. */
export function resolveSeed(seed: number | undefined): number {
  if (seed !== undefined) {
    if (!Number.isInteger(seed)) throw new SamplingError('seed', `expected an integer, got ${seed}`);
    return seed >>> 0;
  }
  return nextSeed() ?? Math.floor(Math.random() * 2 ** 31);
}

/** Node ids (array, `Int32Array` or int tensor) or a bool mask (`boolean[]`, a 0/1 `Uint8Array` as `@gnnjs/relational`'s split masks, or a bool tensor). */
export type NodeSelection = ArrayLike<number> | readonly boolean[] | Uint8Array | tf.Tensor1D;

/** Positions of the selected nodes, checked against `numNodes`. */
export function readNodeSelection(selection: NodeSelection, numNodes: number, field: string): Int32Array {
  let mask: ArrayLike<number | boolean> | undefined;
  let ids: ArrayLike<number>;
  if (selection instanceof tf.Tensor) {
    if (selection.rank !== 1) throw new SamplingError(field, `expected node ids or a bool mask [${numNodes}], got shape [${selection.shape.join(', ')}]`);
    if (selection.dtype === 'bool') {
      mask = selection.dataSync() as Uint8Array;
      ids = [];
    } else ids = selection.dataSync() as ArrayLike<number>;
  } else if (selection instanceof Uint8Array) {
    for (let i = 0; i < selection.length; i++) {
      if (selection[i]! > 1) throw new SamplingError(field, `a Uint8Array is read as a 0/1 mask (give node ids as an Int32Array or number[]), but entry ${i} is ${selection[i]}`);
    }
    mask = selection;
    ids = [];
  } else if (Array.isArray(selection) && selection.length > 0 && typeof selection[0] === 'boolean') {
    mask = selection as readonly boolean[];
    ids = [];
  } else ids = selection as ArrayLike<number>;
  if (mask !== undefined) {
    if (mask.length !== numNodes) throw new SamplingError(field, `a mask needs ${numNodes} entries (one per node), got ${mask.length}`);
    const out: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(i);
    return Int32Array.from(out);
  }
  const out = new Int32Array(ids.length);
  for (let k = 0; k < ids.length; k++) {
    const v = ids[k]!;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= numNodes) {
      throw new SamplingError(field, `node ids must be integers in [0, ${numNodes}), got ${String(v)} at position ${k}`);
    }
    out[k] = v;
  }
  return out;
}
