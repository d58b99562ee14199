/**
 * `HeteroGraph.fromArrays`: typed arrays to tensors without per-element JS
 * work. tfjs keeps an Int32Array/Float32Array/Uint8Array of the tensor's own
 * dtype as the tensor's storage (no copy), so relational loaders with
 * millions of edges pay one pass (validation) over their arrays.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { rememberIndexValues } from '../utils/edge_index_arrays.js';
import type { IndexRow } from './edge_index_input.js';
import type { EdgeStoreInit, HeteroGraphInit, NodeStoreInit } from './hetero_stores.js';
import { edgeField, nodeField, toEdgeType, type EdgeTypeLike } from './hetero_types.js';

/** Nested rows (small graphs, tests) or a flat row-major array with its shape. */
export type MatrixArray = Float32Array | ArrayLike<number> | readonly (readonly number[])[];

/** One node type's fields as arrays. */
export interface HeteroNodeArrays {
  /** Features: a flat row-major array with `xShape` (or `numNodes`), or nested rows. */
  x?: MatrixArray | undefined;
  xShape?: readonly [number, number] | undefined;
  /** Targets `[N_t]`: int32 unless `yDtype` says otherwise, it is a Float32Array, or a value is fractional. */
  y?: ArrayLike<number> | undefined;
  yDtype?: 'int32' | 'float32' | undefined;
  trainMask?: ArrayLike<boolean | number> | undefined;
  valMask?: ArrayLike<boolean | number> | undefined;
  testMask?: ArrayLike<boolean | number> | undefined;
  /** Timestamps `[N_t]`: an Int32Array or Float32Array keeps its dtype; integers otherwise become int32. */
  time?: ArrayLike<number> | undefined;
  numNodes?: number | undefined;
  numClasses?: number | undefined;
}

/** One edge type's fields as arrays. */
export interface HeteroEdgeArrays<N extends string = string> {
  type: EdgeTypeLike<N>;
  /** Source node of each edge (an index into the source type's nodes; numbers, or int64 ids as `BigInt64Array`/`bigint[]` that fit int32). */
  src?: IndexRow | undefined;
  /** Destination node of each edge (an index into the destination type's nodes). */
  dst?: IndexRow | undefined;
  /** Instead of `src`/`dst`: `[2, E]` row-major, sources then destinations, used without a copy. */
  edgeIndex?: Int32Array | undefined;
  /** Edge features: flat with `edgeAttrShape` (`[E, D]`), flat without it (`[E]`), or nested rows. */
  edgeAttr?: MatrixArray | undefined;
  edgeAttrShape?: readonly [number, number] | undefined;
  edgeWeight?: ArrayLike<number> | undefined;
  edgeTime?: ArrayLike<number> | undefined;
}

/** Input of {@link HeteroGraph.fromArrays}. */
export interface HeteroGraphArrays<N extends string = string> {
  nodes: { readonly [K in N]: HeteroNodeArrays };
  edges?: readonly HeteroEdgeArrays<NoInfer<N>>[] | undefined;
  /** Graph-level target: one number (`[1]`) or one row (`[1, k]`). */
  y?: number | ArrayLike<number> | undefined;
}

/** The init of `arrays`, and the tensors made for it (to free if the graph is refused). */
export function heteroInitFromArrays<N extends string>(arrays: HeteroGraphArrays<N>): { init: HeteroGraphInit<N>; created: tf.Tensor[] } {
  if (arrays === null || typeof arrays !== 'object' || arrays.nodes === null || typeof arrays.nodes !== 'object') {
    throw new GraphValidationError('nodes', 'expected { nodes: { [type]: { x, numNodes, ... } }, edges: [...] }');
  }
  const created: tf.Tensor[] = [];
  const track = <T extends tf.Tensor>(t: T): T => {
    created.push(t);
    return t;
  };
  try {
    const nodes = {} as Record<N, NodeStoreInit>;
    for (const [type, store] of Object.entries(arrays.nodes) as [N, HeteroNodeArrays][]) {
      nodes[type] = nodeInit(store, nodeField(type), track);
    }
    const edges = (arrays.edges ?? []).map((store) => edgeInit(store, track));
    const init: HeteroGraphInit<N> = { nodes, edges };
    if (arrays.y !== undefined) {
      const values = typeof arrays.y === 'number' ? [arrays.y] : arrays.y;
      const y = toVector(values, undefined, 'y');
      init.y = track(typeof arrays.y === 'number' ? y : tf.reshape(y, [1, values.length]));
      if (y !== init.y) y.dispose();
    }
    return { init, created };
  } catch (error) {
    tf.dispose(created);
    throw error;
  }
}

type Track = <T extends tf.Tensor>(t: T) => T;

function nodeInit(store: HeteroNodeArrays, prefix: string, track: Track): NodeStoreInit {
  if (store === null || typeof store !== 'object') throw new GraphValidationError(prefix, 'expected an object of node arrays');
  const init: NodeStoreInit = {};
  if (store.numNodes !== undefined) init.numNodes = store.numNodes;
  if (store.numClasses !== undefined) init.numClasses = store.numClasses;
  if (store.x !== undefined) init.x = track(toMatrix(store.x, store.xShape, store.numNodes, `${prefix}.x`));
  if (store.y !== undefined) init.y = track(toVector(store.y, store.yDtype, `${prefix}.y`));
  for (const field of ['trainMask', 'valMask', 'testMask'] as const) {
    const mask = store[field];
    if (mask !== undefined) init[field] = track(toMask(mask));
  }
  if (store.time !== undefined) init.time = track(toVector(store.time, undefined, `${prefix}.time`));
  return init;
}

function edgeInit<N extends string>(store: HeteroEdgeArrays<N>, track: Track): EdgeStoreInit<N> {
  if (store === null || typeof store !== 'object') throw new GraphValidationError('edges', 'expected edge arrays { type, src, dst, ... }');
  const type = toEdgeType(store.type);
  const prefix = edgeField(type);
  let edgeIndex: EdgeStoreInit<N>['edgeIndex'];
  if (store.edgeIndex !== undefined) {
    if (!(store.edgeIndex instanceof Int32Array) || store.edgeIndex.length % 2 !== 0) {
      throw new GraphValidationError(`${prefix}.edgeIndex`, 'expected an Int32Array of length 2E (sources, then destinations)');
    }
    if (store.src !== undefined || store.dst !== undefined) throw new GraphValidationError(`${prefix}.edgeIndex`, 'give either edgeIndex or src/dst, not both');
    const t = track(tf.tensor2d(store.edgeIndex, [2, store.edgeIndex.length / 2], 'int32'));
    rememberIndexValues(t, store.edgeIndex);
    edgeIndex = t;
  } else {
    if (store.src === undefined || store.dst === undefined) throw new GraphValidationError(`${prefix}.edgeIndex`, 'expected src and dst (or edgeIndex)');
    edgeIndex = [store.src, store.dst];
  }
  const init: EdgeStoreInit<N> = { type: store.type, edgeIndex };
  if (store.edgeAttr !== undefined) {
    const flat = !Array.isArray(store.edgeAttr) || !Array.isArray(store.edgeAttr[0]);
    init.edgeAttr = track(
      flat && store.edgeAttrShape === undefined
        ? tf.tensor1d(toFloat32(store.edgeAttr as ArrayLike<number>), 'float32')
        : toMatrix(store.edgeAttr, store.edgeAttrShape, undefined, `${prefix}.edgeAttr`),
    );
  }
  if (store.edgeWeight !== undefined) init.edgeWeight = track(tf.tensor1d(toFloat32(store.edgeWeight), 'float32'));
  if (store.edgeTime !== undefined) init.edgeTime = track(toVector(store.edgeTime, undefined, `${prefix}.edgeTime`));
  return init;
}

function toFloat32(values: ArrayLike<number>): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

function toMatrix(values: MatrixArray, shape: readonly [number, number] | undefined, numRows: number | undefined, field: string): tf.Tensor2D {
  if (Array.isArray(values) && (values.length === 0 ? shape === undefined : Array.isArray(values[0]))) {
    const rows = values as readonly (readonly number[])[];
    const width = rows[0]?.length ?? 0;
    const flat = new Float32Array(rows.length * width);
    rows.forEach((row, r) => {
      if (!Array.isArray(row) || row.length !== width) throw new GraphValidationError(field, `row ${r} has ${row?.length} values, row 0 has ${width}`);
      flat.set(row, r * width);
    });
    return tf.tensor2d(flat, [rows.length, width], 'float32');
  }
  const flat = toFloat32(values as ArrayLike<number>);
  const rows = shape?.[0] ?? numRows;
  if (rows === undefined) throw new GraphValidationError(field, 'a flat array needs its shape [rows, columns] (or numNodes)');
  const cols = shape?.[1] ?? (rows === 0 ? 0 : flat.length / rows);
  if (!Number.isInteger(cols) || rows * cols !== flat.length) {
    throw new GraphValidationError(field, `${flat.length} values do not fill a [${rows}, ${cols}] matrix`);
  }
  return tf.tensor2d(flat, [rows, cols], 'float32');
}

/** int32 for Int32Arrays and integer values (unless `dtype` says float32); float32 otherwise. */
function toVector(values: ArrayLike<number>, dtype: 'int32' | 'float32' | undefined, field: string): tf.Tensor1D {
  if (values instanceof Int32Array && dtype !== 'float32') return tf.tensor1d(values, 'int32');
  if (values instanceof Float32Array && dtype !== 'int32') return tf.tensor1d(values, 'float32');
  let integral = dtype !== 'float32';
  let fits = true;
  for (let i = 0; i < values.length && integral; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) integral = false;
    else if (v > 2 ** 31 - 1 || v < -(2 ** 31)) fits = false;
  }
  if (dtype === 'int32' && !integral) throw new GraphValidationError(field, 'yDtype int32 needs integer values');
  if (integral && !fits) {
    throw new GraphValidationError(field, 'has integers beyond int32 (tfjs has no int64): rescale them (e.g. timestamps to seconds or days)');
  }
  return integral ? tf.tensor1d(Int32Array.from(values), 'int32') : tf.tensor1d(Float32Array.from(values), 'float32');
}

function toMask(values: ArrayLike<boolean | number>): tf.Tensor1D {
  if (values instanceof Uint8Array) return tf.tensor1d(values, 'bool');
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
  return tf.tensor1d(out, 'bool');
}
