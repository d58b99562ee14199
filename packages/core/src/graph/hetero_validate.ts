/**
 * The checks a `HeteroGraph` runs once, when it is built: `Graph`'s checks per
 * store (their errors scoped to the type, `node ['account'].x`), plus the
 * heterogeneous ones: edge types whose node types exist, and each edge-index
 * row in range of ITS node type.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { hostIndexValues } from '../utils/edge_index_arrays.js';
import {
  NODE_TENSOR_FIELDS,
  type EdgeStore,
  type EdgeStoreInit,
  type HeteroGraphInit,
  type NodeStore,
  type NodeStoreInit,
} from './hetero_stores.js';
import { checkTypeName, edgeField, edgeTypeKey, nodeField, scoped, toEdgeType, type EdgeType } from './hetero_types.js';
import { checkEdgeField, checkEdgeIndex, checkMask, checkNumClasses, checkX } from './validate.js';
import { checkLayout } from './edge_index_input.js';

/** The frozen stores of a valid init, and the float edge indices they replaced (for the graph to free). */
export interface BuiltStores<N extends string> {
  readonly nodes: NodeStore<N>[];
  readonly edges: EdgeStore<N>[];
  readonly y: tf.Tensor | undefined;
  readonly replaced: tf.Tensor[];
}

/**
 * Validates `init` and builds its stores. `graphRows` is another accepted row
 * count of the graph-level `y` (a batch has one row per graph). On failure,
 * tensors made here are freed and the caller's are left alone.
 */
export function buildStores<N extends string>(init: HeteroGraphInit<N>, validate: boolean, graphRows?: number): BuiltStores<N> {
  if (init === null || typeof init !== 'object') throw new GraphValidationError('init', 'expected { nodes, edges }');
  const nodesInit: Readonly<Record<string, NodeStoreInit>> = init.nodes;
  if (nodesInit === null || typeof nodesInit !== 'object' || Array.isArray(nodesInit)) {
    throw new GraphValidationError('nodes', 'expected an object of node stores keyed by node type');
  }
  const edgesInit: readonly EdgeStoreInit<string>[] = init.edges ?? [];
  if (!Array.isArray(edgesInit)) throw new GraphValidationError('edges', 'expected an array of edge stores ({ type, edgeIndex, ... })');
  if (init.y !== undefined) checkGraphTarget(init.y, graphRows);

  const nodeTypes = Object.keys(nodesInit) as N[];
  const numNodes = new Map<string, number | undefined>();
  for (const type of nodeTypes) numNodes.set(type, checkNodeStore(type, nodesInit[type]!, validate));

  const created: tf.Tensor[] = [];
  try {
    const seen = new Set<string>();
    const edges = edgesInit.map((store, i) => {
      const checked = checkEdgeStoreShape<N>(store, i, numNodes, seen, validate);
      if (checked.created) created.push(checked.tensor);
      return checked;
    });
    // Types known only through their edges get the largest index + 1 (PyG's inference).
    for (const type of nodeTypes) {
      if (numNodes.get(type) !== undefined) continue;
      let max = -1;
      for (const e of edges) {
        if (e.type[0] === type) max = Math.max(max, e.rowMax[0]);
        if (e.type[2] === type) max = Math.max(max, e.rowMax[1]);
      }
      numNodes.set(type, max + 1);
    }
    const size = (type: string): number => numNodes.get(type)!;
    const edgeStores = edges.map((e): EdgeStore<N> => {
      const [srcSize, dstSize] = [size(e.type[0]), size(e.type[2])];
      if (validate) {
        checkRow(e.type, 0, e.rowMax[0], srcSize);
        checkRow(e.type, 1, e.rowMax[1], dstSize);
      }
      const prefix = edgeField(e.type);
      const numEdges = e.tensor.shape[1]!;
      const { edgeAttr, edgeWeight, edgeTime } = e.init;
      if (edgeAttr !== undefined) scoped(prefix, () => checkEdgeField(edgeAttr, 'edgeAttr', numEdges, validate));
      if (edgeWeight !== undefined) scoped(prefix, () => checkEdgeField(edgeWeight, 'edgeWeight', numEdges, validate));
      if (edgeTime !== undefined) checkTime(edgeTime, `${prefix}.edgeTime`, numEdges, 'edge', validate);
      return Object.freeze({
        type: e.type,
        key: edgeTypeKey(e.type),
        edgeIndex: e.tensor,
        edgeAttr,
        edgeWeight,
        edgeTime,
        numEdges,
        numEdgeFeatures: edgeAttr === undefined ? 0 : edgeAttr.rank === 1 ? 1 : edgeAttr.shape[1]!,
        size: Object.freeze([srcSize, dstSize] as const),
        isBipartite: e.type[0] !== e.type[2],
      });
    });
    const nodeStores = nodeTypes.map((type): NodeStore<N> => {
      const store = nodesInit[type]!;
      return Object.freeze({
        type,
        numNodes: size(type),
        numFeatures: store.x?.shape[1] ?? 0,
        x: store.x,
        y: store.y,
        trainMask: store.trainMask,
        valMask: store.valMask,
        testMask: store.testMask,
        time: store.time,
        numClasses: store.numClasses,
      });
    });
    const replaced = edges.flatMap((e) => (e.replaced === undefined ? [] : [e.replaced]));
    return { nodes: nodeStores, edges: edgeStores, y: init.y, replaced };
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}

/** Checks one node store; returns its node count when a field or `numNodes` fixes it. */
function checkNodeStore(type: string, store: NodeStoreInit, validate: boolean): number | undefined {
  checkTypeName(type, nodeField(type));
  const prefix = nodeField(type);
  if (store === null || typeof store !== 'object') throw new GraphValidationError(prefix, 'expected an object of node fields ({ x, y, numNodes, ... })');
  let rows: number | undefined;
  let rowsFrom = 'numNodes';
  if (store.numNodes !== undefined) {
    if (!Number.isInteger(store.numNodes) || store.numNodes < 0) {
      throw new GraphValidationError(`${prefix}.numNodes`, `expected a non-negative integer, got ${store.numNodes}`);
    }
    rows = store.numNodes;
  }
  for (const field of NODE_TENSOR_FIELDS) {
    const t = store[field];
    if (t === undefined) continue;
    assertLiveTensor(t, `${prefix}.${field}`);
    if (t.rank === 0) throw new GraphValidationError(`${prefix}.${field}`, 'expected one row per node, got a scalar');
    const leading = t.shape[0]!;
    if (rows === undefined) {
      rows = leading;
      rowsFrom = field;
    } else if (leading !== rows) {
      const other = rowsFrom === 'numNodes' ? `numNodes is ${rows}` : `${rowsFrom} has ${rows}`;
      throw new GraphValidationError(`${prefix}.${field}`, `has ${leading} rows, but ${other} (one row per '${type}' node)`);
    }
  }
  if (store.x !== undefined) scoped(prefix, () => checkX(store.x!, validate));
  for (const field of ['trainMask', 'valMask', 'testMask'] as const) {
    const mask = store[field];
    if (mask !== undefined) scoped(prefix, () => checkMask(mask, field, rows!));
  }
  if (store.time !== undefined) checkTime(store.time, `${prefix}.time`, rows!, 'node', validate);
  if (store.numClasses !== undefined) scoped(prefix, () => checkNumClasses(store.numClasses!));
  return rows;
}

interface CheckedEdges<N extends string> {
  readonly type: EdgeType<N>;
  readonly init: EdgeStoreInit<string>;
  readonly tensor: tf.Tensor2D;
  readonly created: boolean;
  readonly replaced: tf.Tensor | undefined;
  /** Largest index of each row (-1 when empty or not read). */
  readonly rowMax: readonly [number, number];
}

function checkEdgeStoreShape<N extends string>(
  store: EdgeStoreInit<string>,
  position: number,
  numNodes: ReadonlyMap<string, number | undefined>,
  seen: Set<string>,
  validate: boolean,
): CheckedEdges<N> {
  if (store === null || typeof store !== 'object') {
    throw new GraphValidationError(`edges[${position}]`, 'expected an edge store { type, edgeIndex, ... }');
  }
  const type = scopedEdgeType(store.type, position) as EdgeType<N>;
  const prefix = edgeField(type);
  for (const [end, name] of [['source', type[0]], ['destination', type[2]]] as const) {
    if (!numNodes.has(name)) {
      const known = [...numNodes.keys()].map((t) => `'${t}'`).join(', ') || 'none';
      throw new GraphValidationError(prefix, `its ${end} node type '${name}' is not a node type of the graph (node types: ${known})`);
    }
  }
  const key = edgeTypeKey(type);
  if (seen.has(key)) throw new GraphValidationError(prefix, 'appears twice in edges');
  seen.add(key);
  const known = numNodes.get(type[0]) !== undefined && numNodes.get(type[2]) !== undefined;
  const checked = scoped(prefix, () => checkEdgeIndex(store.edgeIndex, validate, !known, checkLayout(store.layout)));
  let rowMax: readonly [number, number] = [-1, -1];
  if (validate || !known) {
    const data = hostIndexValues(checked.tensor);
    const e = checked.tensor.shape[1]!;
    rowMax = [maxOf(data, 0, e), maxOf(data, e, 2 * e)];
  }
  return { type, init: store, tensor: checked.tensor, created: checked.created, replaced: checked.replaced, rowMax };
}

function scopedEdgeType(type: unknown, position: number): EdgeType {
  try {
    return toEdgeType(type as EdgeType);
  } catch (error) {
    if (error instanceof GraphValidationError) throw new GraphValidationError(`edges[${position}].type`, error.message.replace(/^edgeType: /, ''));
    throw error;
  }
}

function checkRow(type: EdgeType, row: 0 | 1, max: number, size: number): void {
  if (max < size) return;
  const nodeType = row === 0 ? type[0] : type[2];
  const role = row === 0 ? 'source' : 'destination';
  throw new GraphValidationError(
    edgeField(type, `edgeIndex[${row}]`),
    `refers to node ${max} of the ${role} type '${nodeType}', which has ${size} node${size === 1 ? '' : 's'}`,
  );
}

function maxOf(values: Int32Array, start: number, end: number): number {
  let max = -1;
  for (let i = start; i < end; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

/** Timestamps: int32 or float32 `[rows]`, finite. */
function checkTime(t: tf.Tensor, field: string, rows: number, per: 'node' | 'edge', validate: boolean): void {
  assertLiveTensor(t, field);
  if (t.dtype !== 'int32' && t.dtype !== 'float32') throw new GraphValidationError(field, `expected int32 or float32 timestamps, got ${t.dtype}`);
  if (t.rank !== 1 || t.shape[0] !== rows) {
    throw new GraphValidationError(field, `expected shape [${rows}] (one timestamp per ${per}), got [${t.shape.join(', ')}]`);
  }
  if (validate) assertFinite(t, field);
}

/** A graph-level target: a scalar, or `[1, ...]` (`[rows, ...]` in a batch). */
function checkGraphTarget(y: tf.Tensor, graphRows: number | undefined): void {
  assertLiveTensor(y, 'y');
  if (y.rank > 0 && y.shape[0] !== 1 && y.shape[0] !== graphRows) {
    throw new GraphValidationError('y', `a graph-level target is a scalar or one row [1, ...], got shape [${y.shape.join(', ')}]; node targets go in a node type's y`);
  }
}

function assertLiveTensor(value: unknown, field: string): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor)) throw new GraphValidationError(field, 'expected a tf.Tensor');
  if (value.isDisposed) throw new GraphValidationError(field, 'the tensor is disposed');
}

function assertFinite(t: tf.Tensor, field: string): void {
  if (t.dtype !== 'float32') return;
  const values = t.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new GraphValidationError(field, `contains ${values[i]} (at flat position ${i})`);
  }
}
