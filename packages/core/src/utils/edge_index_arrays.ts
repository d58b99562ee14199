/**
 * Shared plumbing of the graph utils: index bookkeeping runs on CPU typed
 * arrays (it is O(E) and not differentiable), attribute tensors go through
 * tfjs ops so that gradients reach them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, ShapeError } from '../errors.js';
import { gatherRows } from '../ops/gather_rows.js';
import { assertEdgeIndex } from '../ops/validate.js';
import { scanEdgeIndex, type EdgeIndexBounds } from './edge_index_scan.js';

/** Source (`row`) and target (`col`) indices of an edge index, with their proven bounds. */
export interface EdgeArrays extends EdgeIndexBounds {
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly numEdges: number;
}

/** Checks that `edgeIndex` is an int32 `[2, E]` tensor and returns its values, read and proven once per tensor. */
export function readEdgeIndex(edgeIndex: tf.Tensor, fn: string): EdgeArrays {
  assertEdgeIndex(edgeIndex, fn);
  const bounds = edgeIndexBounds(edgeIndex, fn);
  const numEdges = edgeIndex.shape[1];
  const data = hostIndexValues(edgeIndex);
  return { row: data.subarray(0, numEdges), col: data.subarray(numEdges, 2 * numEdges), numEdges, ...bounds };
}

/**
 * Host copies of index tensors, by tensor identity. tfjs tensors are
 * immutable, so a tensor's values never change: layers that call the utils on
 * the same `edgeIndex` every forward pass read it from the device once (a
 * synchronous GPU read-back is slow, on WebGPU very slow), and index tensors
 * the utils create are known without any read. Variables can change and are
 * never cached. Entries die with their tensor (WeakMap).
 */
const hostIndices = new WeakMap<tf.Tensor, Int32Array>();

/** The values of an int32 tensor, read at most once per tensor. Read-only by contract. */
export function hostIndexValues(t: tf.Tensor): Int32Array {
  const cached = hostIndices.get(t);
  if (cached !== undefined) return cached;
  const values = t.dataSync() as Int32Array;
  rememberIndexValues(t, values);
  return values;
}

/** Records the values an int32 tensor was made from; the caller must not mutate them afterwards. */
export function rememberIndexValues(t: tf.Tensor, values: Int32Array): void {
  if (!(t instanceof tf.Variable)) hostIndices.set(t, values);
}

/**
 * What a scan proved of each int32 `[2, E]` edge index, by tensor identity
 * (like {@link hostIndices}): no index is negative, and the largest source and
 * target. A `Graph` proves its edge index when it is built; any other edge
 * index is proven the first time a util needs its values. Later calls check
 * their node counts against the bounds without reading a value.
 */
const provenEdgeIndices = new WeakMap<tf.Tensor, EdgeIndexBounds>();

/**
 * The bounds of an int32 `[2, E]` edge index (shape and dtype checked by the
 * caller), scanned once per tensor; throws a `GraphValidationError` naming
 * `fn` on a negative index. Layers that take edges outside a graph (e.g. the
 * heterogeneous ones, one edge index per relation) check node counts with it.
 *
 * @example
 * ```ts
 * const { maxSource, maxTarget } = edgeIndexBounds(tf.tensor2d([[0, 2], [1, 1]], undefined, 'int32'), 'MyLayer');
 * // maxSource 2, maxTarget 1
 * ```
 */
export function edgeIndexBounds(edgeIndex: tf.Tensor2D, fn: string): EdgeIndexBounds {
  const proven = provenEdgeIndices.get(edgeIndex);
  if (proven !== undefined) return proven;
  const { maxSource, maxTarget, minIndex } = scanEdgeIndex(hostIndexValues(edgeIndex), edgeIndex.shape[1]);
  if (minIndex < 0) throw new GraphValidationError('edgeIndex', `${fn} got a negative node index (${minIndex})`);
  const bounds: EdgeIndexBounds = { maxSource, maxTarget };
  if (!(edgeIndex instanceof tf.Variable)) provenEdgeIndices.set(edgeIndex, bounds);
  return bounds;
}

/**
 * PyG's `maybe_num_nodes`: `numNodes` when given, else the largest index + 1.
 * Also rejects indices outside `[0, numNodes)`, from the proven bounds.
 */
export function resolveNumNodes(edges: EdgeArrays, numNodes: number | undefined, fn: string): number {
  const max = Math.max(edges.maxSource, edges.maxTarget);
  if (numNodes === undefined) return max + 1;
  if (!Number.isInteger(numNodes) || numNodes < 0) {
    throw new GraphValidationError('numNodes', `${fn} expects a non-negative integer, got ${numNodes}`);
  }
  if (max >= numNodes) {
    throw new GraphValidationError('edgeIndex', `${fn} got node index ${max}, but numNodes is ${numNodes}`);
  }
  return numNodes;
}

/** A new int32 `[2, E]` tensor from source and target arrays of equal length. */
export function makeEdgeIndex(row: ArrayLike<number>, col: ArrayLike<number>): tf.Tensor2D {
  const numEdges = row.length;
  const data = new Int32Array(2 * numEdges);
  data.set(row, 0);
  data.set(col, numEdges);
  const edgeIndex = tf.tensor2d(data, [2, numEdges], 'int32');
  rememberIndexValues(edgeIndex, data);
  return edgeIndex;
}

/** Checks that an edge attribute tensor has one row per edge. */
export function assertEdgeAttr(attr: tf.Tensor, numEdges: number, argument: string, fn: string): void {
  if (!(attr instanceof tf.Tensor) || attr.rank < 1 || attr.shape[0] !== numEdges) {
    const shape = attr instanceof tf.Tensor ? `[${attr.shape.join(', ')}]` : typeof attr;
    throw new ShapeError(argument, `${fn} expects one row per edge (leading dimension ${numEdges}), got ${shape}`);
  }
}

/**
 * Rows `idx` of `t`, differentiable: float tensors go through `gatherRows`,
 * whose gradient is an O(E·D) segment sum on GNN backends.
 */
export function takeRows<T extends tf.Tensor>(t: T, idx: Int32Array): T {
  if (isIdentity(idx, t.shape[0]!)) return t.clone();
  return tf.tidy(() => {
    const indices = tf.tensor1d(idx, 'int32');
    return t.dtype === 'float32' ? gatherRows<T>(t, indices) : (tf.gather(t, indices) as T);
  });
}

function isIdentity(idx: Int32Array, length: number): boolean {
  if (idx.length !== length) return false;
  for (let i = 0; i < idx.length; i++) if (idx[i] !== i) return false;
  return true;
}

/** Positions `e` (ascending) where `keep(e)` holds. */
export function positionsWhere(numEdges: number, keep: (e: number) => boolean): Int32Array {
  const out = new Int32Array(numEdges);
  let k = 0;
  for (let e = 0; e < numEdges; e++) if (keep(e)) out[k++] = e;
  return out.slice(0, k);
}

/**
 * Stable counting sort: the permutation that orders `order` (a permutation of
 * `0..n-1`, default the identity) by `keys[order[i]]`, keys in
 * `[0, numBuckets)`. O(n + numBuckets).
 */
export function stableSortBy(keys: Int32Array, numBuckets: number, order?: Int32Array): Int32Array {
  const start = new Int32Array(numBuckets + 1);
  // Bucket sizes do not depend on the visiting order.
  for (let e = 0; e < keys.length; e++) start[keys[e] + 1]++;
  for (let b = 0; b < numBuckets; b++) start[b + 1] += start[b];
  const out = new Int32Array(keys.length);
  if (order === undefined) {
    for (let e = 0; e < keys.length; e++) out[start[keys[e]]++] = e;
  } else {
    for (let i = 0; i < order.length; i++) {
      const e = order[i];
      out[start[keys[e]]++] = e;
    }
  }
  return out;
}

/** Edge ids ordered by `(row, col)` (by `(col, row)` with `byRow = false`), stable. */
export function lexSortEdges(edges: EdgeArrays, numNodes: number, byRow = true): Int32Array {
  const [major, minor] = byRow ? [edges.row, edges.col] : [edges.col, edges.row];
  return stableSortBy(major, numNodes, stableSortBy(minor, numNodes));
}

/** Reads a node index argument (`number`, array or int32/float tensor) as an Int32Array. */
export function readNodeIndices(value: number | ArrayLike<number> | tf.Tensor, argument: string, fn: string): Int32Array {
  let values: ArrayLike<number>;
  if (typeof value === 'number') values = [value];
  else if (value instanceof tf.Tensor) {
    if (value.rank > 1) throw new ShapeError(argument, `${fn} expects a scalar or 1-D tensor, got [${value.shape.join(', ')}]`);
    values = value.dataSync() as ArrayLike<number>;
  } else values = value;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0) {
      throw new GraphValidationError(argument, `${fn} expects non-negative integer node indices, got ${v}`);
    }
    out[i] = v;
  }
  return out;
}
