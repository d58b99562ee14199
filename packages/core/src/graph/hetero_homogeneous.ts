/**
 * Heterogeneous ↔ homogeneous with PyG 2.6's conventions
 * (`HeteroData.to_homogeneous` / `Data.to_heterogeneous`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { hostIndexValues, makeEdgeIndex, rememberIndexValues } from '../utils/edge_index_arrays.js';
import { Graph, type GraphInit } from './graph.js';
import type { HeteroGraph } from './hetero_graph.js';
import { cumulative, rowsOf } from './hetero_rows.js';
import type { EdgeStore, EdgeStoreInit, EdgeTensorField, HeteroGraphInit, NodeStore, NodeStoreInit, NodeTensorField } from './hetero_stores.js';
import { edgeField, type EdgeType } from './hetero_types.js';

/** Type ids, one per node or edge: an int tensor `[N]` or an array. */
export type TypeVector = tf.Tensor1D | ArrayLike<number>;

/** Type names for {@link HeteroGraph.fromHomogeneous}: type id `t` is `nodeTypes[t]`. */
export interface HomogeneousNames<N extends string = string> {
  nodeTypes?: readonly N[] | undefined;
  edgeTypes?: readonly EdgeType<N>[] | undefined;
}

/** What a {@link TypedGraph} remembers of its heterogeneous graph, so that it converts back exactly. */
export interface HeteroLayout {
  /** Per node type (metadata order): the tensor fields it had. */
  readonly nodeFields: readonly (readonly NodeTensorField[])[];
  /** Per node type: the width of its `x` before padding (0 without). */
  readonly xWidths: readonly number[];
  readonly numClasses: readonly (number | undefined)[];
  /** Per edge type: the tensor fields it had besides `edgeIndex`. */
  readonly edgeFields: readonly (readonly EdgeTensorField[])[];
  /** `y` is the heterogeneous graph's graph-level target. */
  readonly graphY: boolean;
}

/**
 * The homogeneous form of a {@link HeteroGraph} (PyG's `to_homogeneous()`
 * result): a `Graph` whose nodes and edges carry int32 type ids, with the
 * type names, the offsets of each type, and node/edge timestamps. Owns all
 * of its tensors.
 */
export class TypedGraph<N extends string = string> extends Graph {
  /** int32 `[numNodes]`: position of each node's type in `nodeTypeNames`. */
  readonly nodeType: tf.Tensor1D;
  /** int32 `[numEdges]`: position of each edge's type in `edgeTypeNames`. */
  readonly edgeType: tf.Tensor1D;
  readonly nodeTypeNames: readonly N[];
  readonly edgeTypeNames: readonly EdgeType<N>[];
  /** Node type `t` owns nodes `nodeSlices[t] .. nodeSlices[t+1]-1` (PyG's `node_slices`). */
  readonly nodeSlices: Int32Array;
  /** Edge type `r` owns edges `edgeSlices[r] .. edgeSlices[r+1]-1`. */
  readonly edgeSlices: Int32Array;
  readonly time: tf.Tensor1D | undefined;
  readonly edgeTime: tf.Tensor1D | undefined;
  readonly layout: HeteroLayout;

  /** Built by `HeteroGraph.toHomogeneous()`. */
  constructor(
    init: GraphInit,
    typed: {
      nodeType: tf.Tensor1D;
      edgeType: tf.Tensor1D;
      nodeTypeNames: readonly N[];
      edgeTypeNames: readonly EdgeType<N>[];
      nodeSlices: Int32Array;
      edgeSlices: Int32Array;
      time: tf.Tensor1D | undefined;
      edgeTime: tf.Tensor1D | undefined;
      layout: HeteroLayout;
    },
  ) {
    super(init, { validate: false });
    this.nodeType = typed.nodeType;
    this.edgeType = typed.edgeType;
    this.nodeTypeNames = Object.freeze([...typed.nodeTypeNames]);
    this.edgeTypeNames = Object.freeze([...typed.edgeTypeNames]);
    this.nodeSlices = typed.nodeSlices;
    this.edgeSlices = typed.edgeSlices;
    this.time = typed.time;
    this.edgeTime = typed.edgeTime;
    this.layout = typed.layout;
    Object.freeze(this);
  }

  /** Also frees `nodeType`, `edgeType` and the timestamps. */
  override dispose(): void {
    super.dispose();
    tf.dispose([this.nodeType, this.edgeType, ...(this.time ? [this.time] : []), ...(this.edgeTime ? [this.edgeTime] : [])]);
  }

  override toString(): string {
    const extra = [`nodeType=[${this.nodeType.shape[0]}]`, `edgeType=[${this.edgeType.shape[0]}]`];
    if (this.time) extra.push(`time=[${this.time.shape[0]}]`);
    if (this.edgeTime) extra.push(`edgeTime=[${this.edgeTime.shape[0]}]`);
    return super.toString().replace(/, numNodes=/, `, ${extra.join(', ')}, numNodes=`);
  }
}

/** `HeteroGraph.toHomogeneous()`. */
export function toHomogeneous<N extends string>(graph: HeteroGraph<N>): TypedGraph<N> {
  const nodes = graph.nodeStores();
  const edges = graph.edgeStores();
  const nodeSlices = cumulative(nodes.map((s) => s.numNodes));
  const edgeSlices = cumulative(edges.map((s) => s.numEdges));
  const offset = new Map(nodes.map((s, t) => [s.type, nodeSlices[t]!]));
  const numEdges = edgeSlices[edges.length]!;
  const row = new Int32Array(numEdges);
  const col = new Int32Array(numEdges);
  const edgeTypeIds = new Int32Array(numEdges);
  edges.forEach((s, r) => {
    const data = hostIndexValues(s.edgeIndex);
    const [start, srcOffset, dstOffset] = [edgeSlices[r]!, offset.get(s.type[0])!, offset.get(s.type[2])!];
    for (let k = 0; k < s.numEdges; k++) {
      row[start + k] = data[k]! + srcOffset;
      col[start + k] = data[s.numEdges + k]! + dstOffset;
    }
    edgeTypeIds.fill(r, start, start + s.numEdges);
  });
  const nodeTypeIds = new Int32Array(graph.numNodes);
  nodes.forEach((_, t) => nodeTypeIds.fill(t, nodeSlices[t]!, nodeSlices[t + 1]!));

  const created: tf.Tensor[] = [];
  const track = <T extends tf.Tensor | undefined>(t: T): T => {
    if (t !== undefined) created.push(t);
    return t;
  };
  try {
    const init: GraphInit = { edgeIndex: track(makeEdgeIndex(row, col)), numNodes: graph.numNodes };
    const x = track(mergeX(nodes));
    if (x !== undefined) init.x = x;
    const y = track(mergeRows(nodes, 'y'));
    if (y !== undefined) init.y = y;
    else if (graph.y !== undefined) init.y = track(graph.y.clone());
    for (const field of ['trainMask', 'valMask', 'testMask'] as const) {
      const mask = track(mergeRows(nodes, field)) as tf.Tensor1D | undefined;
      if (mask !== undefined) init[field] = mask;
    }
    const edgeAttr = track(mergeRows(edges, 'edgeAttr'));
    if (edgeAttr !== undefined) init.edgeAttr = edgeAttr;
    const edgeWeight = track(mergeRows(edges, 'edgeWeight')) as tf.Tensor1D | undefined;
    if (edgeWeight !== undefined) init.edgeWeight = edgeWeight;
    const classes = nodes.flatMap((s) => (s.numClasses === undefined ? [] : [s.numClasses]));
    if (classes.length > 0) init.numClasses = Math.max(...classes);
    const nodeType = track(tf.tensor1d(nodeTypeIds, 'int32'));
    const edgeType = track(tf.tensor1d(edgeTypeIds, 'int32'));
    rememberIndexValues(nodeType, nodeTypeIds);
    rememberIndexValues(edgeType, edgeTypeIds);
    return new TypedGraph<N>(init, {
      nodeType,
      edgeType,
      nodeTypeNames: graph.nodeTypes,
      edgeTypeNames: graph.edgeTypes,
      nodeSlices,
      edgeSlices,
      time: track(mergeRows(nodes, 'time')) as tf.Tensor1D | undefined,
      edgeTime: track(mergeRows(edges, 'edgeTime')) as tf.Tensor1D | undefined,
      layout: {
        nodeFields: nodes.map((s) => presentFields(s, ['x', 'y', 'trainMask', 'valMask', 'testMask', 'time'] as const)),
        xWidths: nodes.map((s) => s.numFeatures),
        numClasses: nodes.map((s) => s.numClasses),
        edgeFields: edges.map((s) => presentFields(s, ['edgeAttr', 'edgeWeight', 'edgeTime'] as const)),
        graphY: y === undefined && graph.y !== undefined,
      },
    });
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}

function presentFields<S extends NodeStore | EdgeStore, F extends keyof S>(store: S, fields: readonly F[]): F[] {
  return fields.filter((f) => store[f] !== undefined);
}

/** `x` of every type, narrower ones padded with zero columns (PyG pads 2-D node features); none unless all have `x`. */
function mergeX(nodes: readonly NodeStore[]): tf.Tensor2D | undefined {
  if (nodes.length === 0 || nodes.some((s) => s.x === undefined)) return undefined;
  const width = Math.max(...nodes.map((s) => s.numFeatures));
  return tf.tidy(() =>
    tf.concat(
      nodes.map((s) => (s.numFeatures < width ? tf.pad(s.x!, [[0, 0], [0, width - s.numFeatures]]) : s.x!)),
      0,
    ),
  );
}

/**
 * One field over all stores, concatenated when its dtype and trailing shape
 * agree. Stores without it get PyG's dummy rows (-1 for int32, false for
 * bool); a float field must be in every store (PyG's dummy is NaN).
 */
function mergeRows<S extends NodeStore | EdgeStore>(stores: readonly S[], field: NodeTensorField | EdgeTensorField): tf.Tensor | undefined {
  const values = stores.map((s) => (s as unknown as Record<string, tf.Tensor | undefined>)[field]);
  const first = values.find((v) => v !== undefined);
  if (first === undefined) return undefined;
  const trailing = first.shape.slice(1);
  const same = values.every((v) => v === undefined || (v.dtype === first.dtype && v.rank === first.rank && v.shape.slice(1).every((d, k) => d === trailing[k])));
  if (!same) return undefined;
  const missing = values.some((v) => v === undefined);
  if (missing && first.dtype !== 'int32' && first.dtype !== 'bool') return undefined;
  const rows = (s: S): number => ('numNodes' in s ? s.numNodes : s.numEdges);
  return tf.tidy(() => {
    const parts = values.map((v, i) => v ?? tf.fill([rows(stores[i]!), ...trailing], first.dtype === 'bool' ? 0 : -1, first.dtype));
    return parts.length === 1 ? parts[0]!.clone() : tf.concat(parts, 0);
  });
}

/** The init of `HeteroGraph.fromHomogeneous`. */
export function heteroInitFromHomogeneous<N extends string>(
  graph: Graph,
  nodeTypeArg: TypeVector | undefined,
  edgeTypeArg: TypeVector | undefined,
  names: HomogeneousNames<N> = {},
): HeteroGraphInit<N> {
  if (!(graph instanceof Graph)) throw new GraphValidationError('graph', 'expected a Graph');
  if (graph.isDisposed) throw new GraphValidationError('graph', 'the graph is disposed');
  const typed = graph instanceof TypedGraph ? (graph as TypedGraph<N>) : undefined;
  const nodeType = readTypeVector(nodeTypeArg ?? typed?.nodeType, graph.numNodes, 'nodeType');
  const edgeType = readTypeVector(edgeTypeArg ?? typed?.edgeType, graph.numEdges, 'edgeType');
  const nodeTypeNames = names.nodeTypes ?? typed?.nodeTypeNames ?? defaultNames<N>(nodeType);
  checkIds(nodeType, nodeTypeNames.length, 'nodeType');
  const data = hostIndexValues(graph.edgeIndex);
  const row = data.subarray(0, graph.numEdges);
  const col = data.subarray(graph.numEdges, 2 * graph.numEdges);
  const edgeTypeNames = names.edgeTypes ?? typed?.edgeTypeNames ?? inferEdgeTypes(nodeType, edgeType, row, col, nodeTypeNames);
  checkIds(edgeType, edgeTypeNames.length, 'edgeType');
  // A layout only describes the graph it came with.
  const layout = typed !== undefined && nodeTypeArg === undefined && edgeTypeArg === undefined && names.nodeTypes === undefined && names.edgeTypes === undefined ? typed.layout : undefined;

  const nodeIds = groupBy(nodeType, nodeTypeNames.length);
  const edgeIds = groupBy(edgeType, edgeTypeNames.length);
  const local = new Int32Array(graph.numNodes);
  for (const ids of nodeIds) ids.forEach((node, k) => (local[node] = k));
  const typeIndex = new Map(nodeTypeNames.map((name, t) => [name, t]));

  const nodeLevelY = layout ? !layout.graphY : graph.y !== undefined && graph.y.rank > 0 && graph.y.shape[0] === graph.numNodes;
  const created: tf.Tensor[] = [];
  const take = <T extends tf.Tensor>(t: T, ids: Int32Array): T => {
    const out = rowsOf(t, ids);
    created.push(out);
    return out;
  };
  try {
    const nodes = {} as Record<N, NodeStoreInit>;
    nodeTypeNames.forEach((name, t) => {
      const ids = nodeIds[t]!;
      const has = (field: NodeTensorField): boolean => layout === undefined || layout.nodeFields[t]!.includes(field);
      const store: NodeStoreInit = { numNodes: ids.length };
      if (graph.x !== undefined && has('x')) {
        const width = layout?.xWidths[t] ?? graph.numFeatures;
        const x = graph.x;
        store.x = tf.tidy(() => {
          const rows = rowsOf(x, ids);
          return width === graph.numFeatures ? rows : tf.slice(rows, [0, 0], [ids.length, width]);
        });
        created.push(store.x);
      }
      if (graph.y !== undefined && nodeLevelY && has('y')) store.y = take(graph.y, ids);
      for (const field of ['trainMask', 'valMask', 'testMask'] as const) {
        const mask = graph[field];
        if (mask !== undefined && has(field)) store[field] = take(mask, ids);
      }
      if (typed?.time !== undefined && has('time')) store.time = take(typed.time, ids);
      const numClasses = layout ? layout.numClasses[t] : store.y !== undefined ? graph.numClasses : undefined;
      if (numClasses !== undefined) store.numClasses = numClasses;
      nodes[name] = store;
    });
    const edges = edgeTypeNames.map((type, r): EdgeStoreInit<N> => {
      const ids = edgeIds[r]!;
      const [src, dst] = [typeIndex.get(type[0]), typeIndex.get(type[2])];
      if (src === undefined || dst === undefined) {
        throw new GraphValidationError(edgeField(type), `names a node type that is not in nodeTypes (${nodeTypeNames.map((n) => `'${n}'`).join(', ')})`);
      }
      const localRow = new Int32Array(ids.length);
      const localCol = new Int32Array(ids.length);
      ids.forEach((e, k) => {
        checkEnd(type, 0, e, row[e]!, nodeType[row[e]!]!, src, nodeTypeNames);
        checkEnd(type, 1, e, col[e]!, nodeType[col[e]!]!, dst, nodeTypeNames);
        localRow[k] = local[row[e]!]!;
        localCol[k] = local[col[e]!]!;
      });
      const edgeIndex = makeEdgeIndex(localRow, localCol);
      created.push(edgeIndex);
      const store: EdgeStoreInit<N> = { type, edgeIndex };
      const has = (field: EdgeTensorField): boolean => layout === undefined || layout.edgeFields[r]!.includes(field);
      if (graph.edgeAttr !== undefined && has('edgeAttr')) store.edgeAttr = take(graph.edgeAttr, ids);
      if (graph.edgeWeight !== undefined && has('edgeWeight')) store.edgeWeight = take(graph.edgeWeight, ids);
      if (typed?.edgeTime !== undefined && has('edgeTime')) store.edgeTime = take(typed.edgeTime, ids);
      return store;
    });
    const init: HeteroGraphInit<N> = { nodes, edges };
    if (graph.y !== undefined && !nodeLevelY) {
      init.y = graph.y.clone();
      created.push(init.y);
    }
    return init;
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}

function readTypeVector(value: TypeVector | undefined, length: number, field: string): Int32Array {
  if (value === undefined) return new Int32Array(length); // PyG: one type
  let values: ArrayLike<number>;
  if (value instanceof tf.Tensor) {
    if (value.rank !== 1) throw new GraphValidationError(field, `expected a vector [${length}], got shape [${value.shape.join(', ')}]`);
    values = value.dtype === 'int32' ? hostIndexValues(value) : value.dataSync();
  } else values = value;
  if (values.length !== length) throw new GraphValidationError(field, `has ${values.length} entries, expected ${length} (one per ${field === 'nodeType' ? 'node' : 'edge'})`);
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0) throw new GraphValidationError(field, `type ids must be non-negative integers, got ${v} at ${i}`);
    out[i] = v;
  }
  return out;
}

function checkIds(ids: Int32Array, count: number, field: string): void {
  for (let i = 0; i < ids.length; i++) {
    if (ids[i]! >= count) throw new GraphValidationError(field, `has type id ${ids[i]} at ${i}, but there are ${count} ${field === 'nodeType' ? 'node' : 'edge'} type names`);
  }
}

function defaultNames<N extends string>(ids: Int32Array): N[] {
  const count = ids.reduce((m, v) => Math.max(m, v + 1), 0);
  return Array.from({ length: count }, (_, t) => String(t) as N);
}

/** PyG's inference: edge type `r` joins the single node type of its sources to the single one of its targets. */
function inferEdgeTypes<N extends string>(
  nodeType: Int32Array,
  edgeType: Int32Array,
  row: Int32Array,
  col: Int32Array,
  nodeTypeNames: readonly N[],
): EdgeType<N>[] {
  const count = edgeType.reduce((m, v) => Math.max(m, v + 1), 0);
  const ends = Array.from({ length: count }, () => [-1, -1]);
  edgeType.forEach((r, e) => {
    const pair = ends[r]!;
    for (const [k, node] of [[0, row[e]!], [1, col[e]!]] as const) {
      const t = nodeType[node]!;
      if (pair[k] === -1) pair[k] = t;
      else if (pair[k] !== t) {
        throw new GraphValidationError('edgeType', `edges of type ${r} ${k === 0 ? 'start' : 'end'} at nodes of types ${pair[k]} and ${t}; pass names.edgeTypes or fix the type ids`);
      }
    }
  });
  return ends.map(([s, d], r) => {
    if (s === -1) throw new GraphValidationError('edgeType', `edge type ${r} has no edges to infer its node types from; pass names.edgeTypes`);
    return Object.freeze([nodeTypeNames[s!]!, String(r), nodeTypeNames[d!]!] as const);
  });
}

function checkEnd(type: EdgeType, end: 0 | 1, e: number, node: number, actual: number, expected: number, names: readonly string[]): void {
  if (actual === expected) return;
  throw new GraphValidationError(
    edgeField(type, `edgeIndex[${end}]`),
    `edge ${e} of the homogeneous graph ${end === 0 ? 'starts' : 'ends'} at node ${node} of type '${names[actual]}', not '${names[expected]}'`,
  );
}

/** Positions of each id, ascending. */
function groupBy(ids: Int32Array, count: number): Int32Array[] {
  const sizes = new Int32Array(count);
  for (const id of ids) sizes[id]!++;
  const groups = Array.from(sizes, (n) => new Int32Array(n));
  const fill = new Int32Array(count);
  ids.forEach((id, i) => (groups[id]![fill[id]!++] = i));
  return groups;
}
