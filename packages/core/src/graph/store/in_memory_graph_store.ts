import type * as tf from '@tensorflow/tfjs-core';
import { hostIndexValues } from '../../utils/edge_index_arrays.js';
import type { Graph } from '../graph.js';
import type { HeteroGraph } from '../hetero_graph.js';
import { edgeTypeKey, toEdgeType, type EdgeType, type EdgeTypeLike } from '../hetero_types.js';
import { buildCsc, cscBytes } from './build_csc.js';
import {
  HOMOGENEOUS_EDGE_TYPE,
  StoreError,
  type CscAdjacency,
  type GraphStore,
  type TimeArray,
  type TimeAttr,
} from './types.js';

/** The default `maxBytes` of {@link InMemoryGraphStore}: 4 GiB of CSC arrays. */
export const DEFAULT_MAX_STORE_BYTES = 4 * 1024 ** 3;
const INT32_LIMIT = 2 ** 31 - 1;

/** Options of the {@link InMemoryGraphStore} builders. */
export interface InMemoryGraphStoreOptions<N extends string = string> {
  /**
   * Build for temporal sampling: `'time'` sorts each column by the source
   * node's time, `'edgeTime'` by the edge's time (PyG's `time_attr`).
   */
  timeAttr?: TimeAttr | undefined;
  /**
   * Node types without times whose nodes are always eligible (PyG samples
   * them without a time check). Any other node type without a time is an error
   * under `timeAttr: 'time'`.
   */
  staticNodeTypes?: readonly N[] | undefined;
  /** Refuse graphs whose CSC arrays exceed this many bytes (default 4 GiB). */
  maxBytes?: number | undefined;
  /** Put the arrays on `SharedArrayBuffer`s, so worker threads can sample without copies. Default false. */
  shared?: boolean | undefined;
}

/** Edges of one type as index arrays (row 0 = sources, row 1 = destinations). */
export interface StoreEdgeArrays<N extends string = string> {
  type: EdgeTypeLike<N>;
  src: Int32Array;
  dst: Int32Array;
  /** Per-edge times, for `timeAttr: 'edgeTime'`. */
  edgeTime?: TimeArray | undefined;
}

/** Input of {@link InMemoryGraphStore.fromArrays}: node counts by type, edges by type, node times. */
export interface GraphStoreArrays<N extends string = string> {
  numNodes: { readonly [K in N]: number };
  edges: readonly StoreEdgeArrays<NoInfer<N>>[];
  nodeTime?: { readonly [K in N]?: TimeArray } | undefined;
  kind?: 'homogeneous' | 'heterogeneous' | undefined;
}

/** What the builders check and assemble. */
interface StoreParts<N extends string> {
  kind: 'homogeneous' | 'heterogeneous';
  numNodes: Map<string, number>;
  edgeTypes: EdgeType<N>[];
  csc: Map<string, CscAdjacency>;
  nodeTime: Map<string, TimeArray>;
  timeAttr: TimeAttr | undefined;
}

/**
 * The default {@link GraphStore}: every edge type's destination-sorted CSC as
 * `Int32Array`s, built once (the same layout `Graph.toCSR()` gives full-batch
 * layers, and reused from it when the store is not temporal), optionally on
 * `SharedArrayBuffer`s for worker threads.
 *
 * Memory: `4·(N_dst + 1) + 8·E` bytes per edge type (`+ 4·E` or `8·E` for
 * times). Graphs above `maxBytes` (default 4 GiB), or with more than
 * 2³¹ − 1 edges of one type, are refused with a {@link StoreError} that says
 * how large they are.
 *
 * @example
 * ```ts
 * const store = InMemoryGraphStore.fromGraph(graph);
 * const { colptr, row } = store.csc(HOMOGENEOUS_EDGE_TYPE); // in-neighbours of v: row[colptr[v] .. colptr[v+1]-1]
 * ```
 */
export class InMemoryGraphStore<N extends string = string> implements GraphStore<N> {
  readonly kind: 'homogeneous' | 'heterogeneous';
  readonly nodeTypes: readonly N[];
  readonly edgeTypes: readonly EdgeType<N>[];
  readonly timeAttr: TimeAttr | undefined;
  /** Bytes of all CSC arrays. */
  readonly bytes: number;
  readonly #numNodes: ReadonlyMap<string, number>;
  readonly #csc: ReadonlyMap<string, CscAdjacency>;
  readonly #nodeTime: ReadonlyMap<string, TimeArray>;

  private constructor(parts: StoreParts<N>) {
    this.kind = parts.kind;
    this.nodeTypes = Object.freeze([...parts.numNodes.keys()] as N[]);
    this.edgeTypes = Object.freeze(parts.edgeTypes);
    this.timeAttr = parts.timeAttr;
    this.#numNodes = parts.numNodes;
    this.#csc = parts.csc;
    this.#nodeTime = parts.nodeTime;
    let bytes = 0;
    for (const c of parts.csc.values()) bytes += cscBytes(c.numDst, c.row.length, c.time?.BYTES_PER_ELEMENT ?? 0);
    this.bytes = bytes;
    Object.freeze(this);
  }

  numNodes(type: N): number {
    const n = this.#numNodes.get(type);
    if (n === undefined) throw new StoreError('nodeType', `'${type}' is not a node type of this store (node types: ${this.nodeTypes.join(', ')})`);
    return n;
  }

  csc(type: EdgeTypeLike<N>): CscAdjacency {
    const key = typeof type === 'string' ? type : edgeTypeKey(type);
    const csc = this.#csc.get(key);
    if (csc === undefined) {
      throw new StoreError('edgeType', `'${key}' is not an edge type of this store (edge types: ${this.edgeTypes.map((t) => edgeTypeKey(t)).join(', ')})`);
    }
    return csc;
  }

  nodeTime(type: N): TimeArray | undefined {
    return this.#nodeTime.get(type);
  }

  /**
   * A store from index arrays: what a loader of large data builds without
   * tensors. Indices are checked against the node counts.
   *
   * @example
   * ```ts
   * const store = InMemoryGraphStore.fromArrays({
   *   numNodes: { account: 3, merchant: 2 },
   *   edges: [{ type: ['account', 'pays', 'merchant'], src: Int32Array.of(0, 2), dst: Int32Array.of(1, 1) }],
   * });
   * ```
   */
  static fromArrays<N extends string>(arrays: GraphStoreArrays<N>, options: InMemoryGraphStoreOptions<N> = {}): InMemoryGraphStore<N> {
    return new InMemoryGraphStore(buildParts(arrays, options, new Map()));
  }

  /**
   * The store of a homogeneous graph (node type `'node'`, edge type
   * `['node', 'to', 'node']`). `Graph` has no time field: temporal stores take
   * `nodeTime` (`[N]`) or `edgeTime` (`[E]`) here.
   *
   * @example
   * ```ts
   * const store = InMemoryGraphStore.fromGraph(graph);
   * const temporal = InMemoryGraphStore.fromGraph(graph, { timeAttr: 'time', nodeTime: Int32Array.from(times) });
   * ```
   */
  static fromGraph(
    graph: Graph,
    options: Omit<InMemoryGraphStoreOptions<'node'>, 'staticNodeTypes'> & { nodeTime?: TimeArray | tf.Tensor1D; edgeTime?: TimeArray | tf.Tensor1D } = {},
  ): InMemoryGraphStore<'node'> {
    const data = hostIndexValues(graph.edgeIndex);
    const e = graph.numEdges;
    const edges: StoreEdgeArrays<'node'> = { type: HOMOGENEOUS_EDGE_TYPE, src: data.subarray(0, e), dst: data.subarray(e, 2 * e) };
    const edgeTime = toTimeArray(options.edgeTime, 'edgeTime', e);
    if (edgeTime !== undefined) edges.edgeTime = edgeTime;
    const nodeTime = toTimeArray(options.nodeTime, 'nodeTime', graph.numNodes);
    const reuse = new Map<string, CscAdjacency>();
    if (options.timeAttr === undefined && !options.shared) {
      const { indptr, indices, edgePerm } = graph.toCSR();
      reuse.set(edgeTypeKey(HOMOGENEOUS_EDGE_TYPE), { colptr: indptr, row: indices, edgeId: edgePerm, numSrc: graph.numNodes, numDst: graph.numNodes });
    }
    return new InMemoryGraphStore<'node'>(buildParts(
      { kind: 'homogeneous', numNodes: { node: graph.numNodes }, edges: [edges], ...(nodeTime === undefined ? {} : { nodeTime: { node: nodeTime } }) },
      options,
      reuse,
    ));
  }

  /**
   * The store of a heterogeneous graph; with `timeAttr`, times come from the
   * node stores' `time` (or the edge stores' `edgeTime`).
   *
   * @example
   * ```ts
   * const store = InMemoryGraphStore.fromHeteroGraph(g, { timeAttr: 'time', staticNodeTypes: ['merchant'] });
   * ```
   */
  static fromHeteroGraph<N extends string>(graph: HeteroGraph<N>, options: InMemoryGraphStoreOptions<N> = {}): InMemoryGraphStore<N> {
    const numNodes = graph.numNodesDict();
    const nodeTime: { [K in N]?: TimeArray } = {};
    for (const s of graph.nodeStores()) if (s.time !== undefined) nodeTime[s.type] = toTimeArray(s.time, `node ['${s.type}'].time`, s.numNodes)!;
    const reuse = new Map<string, CscAdjacency>();
    const edges = graph.edgeStores().map((s): StoreEdgeArrays<N> => {
      const data = hostIndexValues(s.edgeIndex);
      const out: StoreEdgeArrays<N> = { type: s.type, src: data.subarray(0, s.numEdges), dst: data.subarray(s.numEdges, 2 * s.numEdges) };
      if (s.edgeTime !== undefined) out.edgeTime = toTimeArray(s.edgeTime, `edge ['${s.type.join("','")}'].edgeTime`, s.numEdges)!;
      if (options.timeAttr === undefined && !options.shared) {
        const { indptr, indices, edgePerm } = graph.toCSR(s.type);
        reuse.set(s.key, { colptr: indptr, row: indices, edgeId: edgePerm, numSrc: s.size[0], numDst: s.size[1] });
      }
      return out;
    });
    return new InMemoryGraphStore(buildParts<N>({ kind: 'heterogeneous', numNodes, edges, nodeTime }, options, reuse));
  }
}

function buildParts<N extends string>(arrays: GraphStoreArrays<N>, options: InMemoryGraphStoreOptions<N>, reuse: Map<string, CscAdjacency>): StoreParts<N> {
  const { timeAttr, shared = false } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_STORE_BYTES;
  if (timeAttr !== undefined && timeAttr !== 'time' && timeAttr !== 'edgeTime') {
    throw new StoreError('timeAttr', `expected 'time' (node times) or 'edgeTime' (edge times), got '${String(timeAttr)}'`);
  }
  const numNodes = new Map<string, number>();
  for (const [type, n] of Object.entries(arrays.numNodes) as [string, number][]) {
    if (!Number.isInteger(n) || n < 0 || n > INT32_LIMIT) throw new StoreError(`numNodes['${type}']`, `expected an integer in [0, 2^31), got ${n}`);
    numNodes.set(type, n);
  }
  const nodeTime = new Map<string, TimeArray>();
  for (const [type, t] of Object.entries(arrays.nodeTime ?? {}) as [string, TimeArray | undefined][]) {
    if (t === undefined) continue;
    if (!numNodes.has(type)) throw new StoreError(`nodeTime['${type}']`, 'is not a node type of the graph');
    if (t.length !== numNodes.get(type)) throw new StoreError(`nodeTime['${type}']`, `has ${t.length} entries for ${numNodes.get(type)} nodes`);
    nodeTime.set(type, t);
  }
  const types = arrays.edges.map((e) => toEdgeType(e.type as EdgeTypeLike<N>));
  checkTimes(timeAttr, types, arrays, numNodes, nodeTime, options.staticNodeTypes ?? []);

  let bytes = 0;
  types.forEach((type, i) => {
    const edges = arrays.edges[i]!;
    const label = `edge ['${type.join("','")}']`;
    for (const end of [0, 2] as const) {
      if (!numNodes.has(type[end])) throw new StoreError(label, `node type '${type[end]}' has no node count`);
    }
    if (edges.src.length !== edges.dst.length) throw new StoreError(label, `src has ${edges.src.length} entries, dst ${edges.dst.length}`);
    if (edges.src.length > INT32_LIMIT) {
      throw new StoreError(label, `${edges.src.length} edges do not fit Int32Array indices (at most 2^31 - 1 per edge type); split the edge type or use a GraphStore of your own`);
    }
    const timeBytes = timeAttr === undefined ? 0 : timeAttr === 'edgeTime' ? edges.edgeTime?.BYTES_PER_ELEMENT ?? 0 : nodeTime.get(type[0])?.BYTES_PER_ELEMENT ?? 0;
    bytes += cscBytes(numNodes.get(type[2])!, edges.src.length, timeBytes);
  });
  if (bytes > maxBytes) {
    const edgeCount = arrays.edges.reduce((s, e) => s + e.src.length, 0);
    const nodeCount = [...numNodes.values()].reduce((s, n) => s + n, 0);
    throw new StoreError(
      'graph',
      `is too large for InMemoryGraphStore: its CSC arrays need ${size(bytes)} (${edgeCount} edges, ${nodeCount} nodes), above maxBytes = ${size(maxBytes)}. ` +
        `Raise maxBytes if this machine has the memory; in Node, FileGraphStore from '@gnnjs/sampling/node' builds the same arrays from edge chunks without tensors ` +
        `and keeps them in a file; larger graphs need a GraphStore of your own (a graph database)`,
    );
  }

  const csc = new Map<string, CscAdjacency>();
  types.forEach((type, i) => {
    const key = edgeTypeKey(type);
    const label = `edge ['${type.join("','")}']`;
    if (csc.has(key)) throw new StoreError(label, 'appears twice');
    const edges = arrays.edges[i]!;
    const numSrc = numNodes.get(type[0])!;
    const numDst = numNodes.get(type[2])!;
    checkRange(edges.src, numSrc, `${label}.src`);
    checkRange(edges.dst, numDst, `${label}.dst`);
    const reused = reuse.get(key);
    if (reused !== undefined) {
      csc.set(key, reused);
      return;
    }
    let entryTime: { like: TimeArray; at: (e: number) => number } | undefined;
    if (timeAttr === 'edgeTime') {
      const t = edges.edgeTime!;
      entryTime = { like: t, at: (e) => t[e]! };
    } else if (timeAttr === 'time') {
      const t = nodeTime.get(type[0]);
      const src = edges.src;
      if (t !== undefined) entryTime = { like: t, at: (e) => t[src[e]!]! };
    }
    csc.set(key, buildCsc(edges.src, edges.dst, numSrc, numDst, { ...(entryTime === undefined ? {} : { entryTime }), shared }));
  });
  return { kind: arrays.kind ?? 'heterogeneous', numNodes, edgeTypes: types, csc, nodeTime, timeAttr };
}

function checkTimes<N extends string>(
  timeAttr: TimeAttr | undefined,
  types: readonly EdgeType<N>[],
  arrays: GraphStoreArrays<N>,
  numNodes: Map<string, number>,
  nodeTime: Map<string, TimeArray>,
  staticTypes: readonly string[],
): void {
  if (timeAttr === 'time') {
    const missing = [...numNodes.keys()].filter((t) => !nodeTime.has(t) && !staticTypes.includes(t));
    if (missing.length > 0) {
      throw new StoreError(
        'timeAttr',
        `temporal sampling by 'time' needs node times, but node type${missing.length > 1 ? 's' : ''} ${missing.map((t) => `'${t}'`).join(', ')} ` +
          `${missing.length > 1 ? 'have' : 'has'} none; give ${missing.length > 1 ? 'them' : 'it'} a time, or list ${missing.length > 1 ? 'them' : 'it'} in staticNodeTypes (always eligible, as PyG samples types without time)`,
      );
    }
  } else if (timeAttr === 'edgeTime') {
    types.forEach((type, i) => {
      const t = arrays.edges[i]!.edgeTime;
      if (t === undefined) throw new StoreError(`edge ['${type.join("','")}'].edgeTime`, "temporal sampling by 'edgeTime' needs the times of every edge type");
      if (t.length !== arrays.edges[i]!.src.length) {
        throw new StoreError(`edge ['${type.join("','")}'].edgeTime`, `has ${t.length} entries for ${arrays.edges[i]!.src.length} edges`);
      }
    });
  }
}

function checkRange(ids: Int32Array, n: number, field: string): void {
  for (let k = 0; k < ids.length; k++) {
    const v = ids[k]!;
    if (v < 0 || v >= n) throw new StoreError(field, `index ${v} at position ${k} is outside [0, ${n})`);
  }
}

function toTimeArray(t: TimeArray | tf.Tensor1D | undefined, field: string, n: number): TimeArray | undefined {
  if (t === undefined) return undefined;
  let out: TimeArray;
  if (t instanceof Int32Array || t instanceof Float32Array || t instanceof Float64Array) out = t;
  else {
    const data = t.dataSync();
    out = data instanceof Int32Array || data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
  }
  if (out.length !== n) throw new StoreError(field, `has ${out.length} entries, expected ${n}`);
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i]!)) throw new StoreError(field, `entry ${i} is ${out[i]}, not a finite time`);
  return out;
}

function size(bytes: number): string {
  return bytes < 1024 ** 2 ? `${bytes} bytes` : `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

