/**
 * The checks a `Graph` runs once, when it is built: shapes, dtypes and index
 * values (O(E) reads), so that ops and layers never re-check values per call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { edgeIndexBounds, rememberIndexValues } from '../utils/edge_index_arrays.js';
import { edgeArraysToInt32, floatIdsToInt32, type EdgeIndexLayout, type IndexRow } from './edge_index_input.js';

/** An int32 edge index and its largest value (-1 when empty or not read). */
export interface CheckedEdgeIndex {
  readonly tensor: tf.Tensor2D;
  /** True when `tensor` was made here (and must be freed if construction fails). */
  readonly created: boolean;
  /** The float input `tensor` replaces: the graph frees it once construction succeeds. */
  readonly replaced?: tf.Tensor;
  readonly maxIndex: number;
}

/**
 * Converts `edgeIndex` (an int32/float tensor, or index arrays, laid out as
 * `layout` says) to an int32 `[2, E]` tensor. Values are read when `validate`
 * is set or `needMax` asks for the largest index; integral float tensors are
 * cast, float ids from 2²⁴ on refused (float32 may have rounded them), 64-bit
 * integer rows converted when they fit int32. What the read proves is kept
 * with the tensor (`edgeIndexBounds`), so layers and utils given
 * `graph.edgeIndex` never scan its values again.
 */
export function checkEdgeIndex(
  edgeIndex: tf.Tensor | readonly IndexRow[],
  validate: boolean,
  needMax: boolean,
  layout: EdgeIndexLayout = 'coo-rows',
): CheckedEdgeIndex {
  if (edgeIndex instanceof tf.Tensor) {
    const pairs = layout === 'pairs';
    const pairAxis = pairs ? 1 : 0;
    if (edgeIndex.rank !== 2 || edgeIndex.shape[pairAxis] !== 2) {
      const shape = `[${edgeIndex.shape.join(', ')}]`;
      const hint = !pairs && edgeIndex.rank === 2 && edgeIndex.shape[1] === 2 ? ` — one [source, target] pair per row? pass { layout: 'pairs' }` : '';
      throw new GraphValidationError('edgeIndex', `expected shape ${pairs ? "[E, 2] (layout: 'pairs')" : '[2, E]'}, got ${shape}${hint}`);
    }
    if (edgeIndex.dtype !== 'int32' && edgeIndex.dtype !== 'float32') {
      throw new GraphValidationError('edgeIndex', `expected integer indices, got dtype ${edgeIndex.dtype}`);
    }
    if (edgeIndex.dtype === 'int32' && !pairs) {
      const tensor = edgeIndex as tf.Tensor2D;
      return { tensor, created: false, maxIndex: validate || needMax ? largestIndex(tensor) : -1 };
    }
    // Built from the values read rather than with tf.cast, so that the indices
    // stay CPU-resident: later index utils read them synchronously, which
    // GPU backends (WebGPU) cannot do for kernel outputs.
    const read = edgeIndex.dataSync();
    let values = edgeIndex.dtype === 'float32' ? floatIdsToInt32(read, validate) : (read as Int32Array);
    if (pairs) values = pairsToRows(values);
    const tensor = int32EdgeIndex(values);
    return { tensor, created: true, replaced: edgeIndex, maxIndex: validate || needMax ? largestIndex(tensor) : -1 };
  }
  const tensor = int32EdgeIndex(edgeArraysToInt32(edgeIndex, layout));
  return { tensor, created: true, maxIndex: largestIndex(tensor) };
}

/** `[E, 2]` row-major pairs to `[2, E]` rows. */
function pairsToRows(pairs: Int32Array): Int32Array {
  const numEdges = pairs.length / 2;
  const rows = new Int32Array(pairs.length);
  for (let e = 0; e < numEdges; e++) {
    rows[e] = pairs[2 * e]!;
    rows[numEdges + e] = pairs[2 * e + 1]!;
  }
  return rows;
}

function int32EdgeIndex(values: Int32Array): tf.Tensor2D {
  const tensor = tf.tensor2d(values, [2, values.length / 2], 'int32');
  rememberIndexValues(tensor, values);
  return tensor;
}

/** The largest index, from the bounds proven (once per tensor) by `edgeIndexBounds`; rejects negatives. */
function largestIndex(edgeIndex: tf.Tensor2D): number {
  const { maxSource, maxTarget } = edgeIndexBounds(edgeIndex, 'Graph');
  return Math.max(maxSource, maxTarget);
}

/** Resolves `numNodes` (given, else rows of `x`, else largest index + 1) and checks it against the indices. */
export function resolveGraphNumNodes(
  numNodes: number | undefined,
  x: tf.Tensor | undefined,
  maxIndex: number,
  validate: boolean,
): number {
  if (numNodes !== undefined) {
    if (!Number.isInteger(numNodes) || numNodes < 0) {
      throw new GraphValidationError('numNodes', `expected a non-negative integer, got ${numNodes}`);
    }
    if (validate && maxIndex >= numNodes) {
      throw new GraphValidationError('numNodes', `is ${numNodes}, but edgeIndex refers to node ${maxIndex}`);
    }
    if (x !== undefined && x.rank >= 1 && x.shape[0] !== numNodes) {
      throw new GraphValidationError('x', `has ${x.shape[0]} rows, but numNodes is ${numNodes}`);
    }
    return numNodes;
  }
  if (x !== undefined && x.rank >= 1) {
    const rows = x.shape[0]!;
    if (validate && maxIndex >= rows) {
      throw new GraphValidationError('edgeIndex', `refers to node ${maxIndex}, but x has only ${rows} rows (nodes)`);
    }
    return rows;
  }
  return maxIndex + 1;
}

function assertTensor(value: unknown, field: string): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor)) throw new GraphValidationError(field, 'expected a tf.Tensor');
  if (value.isDisposed) throw new GraphValidationError(field, 'the tensor is disposed');
}

function assertFinite(t: tf.Tensor, field: string): void {
  if (t.dtype !== 'float32') return;
  const values = t.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new GraphValidationError(field, `contains ${values[i]} (at flat position ${i})`);
    }
  }
}

/**
 * Node features: float32 `[numNodes, F]`, finite. Other dtypes are refused
 * rather than converted (as a PyG layer fails on a `bool` or `long` `x`, and
 * a tfjs op on mixed dtypes): a bool or int32 `x` is more often a mask or ids
 * passed by mistake than features; cast real ones with `tf.cast(x, 'float32')`.
 */
export function checkX(x: tf.Tensor, validate: boolean): void {
  assertTensor(x, 'x');
  if (x.rank !== 2) throw new GraphValidationError('x', `expected shape [numNodes, F], got [${x.shape.join(', ')}]`);
  if (x.dtype !== 'float32') {
    throw new GraphValidationError(
      'x',
      `node features must be float32, got ${x.dtype}: cast them with tf.cast(x, 'float32') (ids or categories to embed belong in their own field)`,
    );
  }
  if (validate) assertFinite(x, 'x');
}

/** Edge attributes/weights: one row per edge, finite; weights are 1-D. */
export function checkEdgeField(t: tf.Tensor, field: 'edgeAttr' | 'edgeWeight', numEdges: number, validate: boolean): void {
  assertTensor(t, field);
  const shapeOk = field === 'edgeWeight' ? t.rank === 1 : t.rank >= 1;
  if (!shapeOk || t.shape[0] !== numEdges) {
    const expected = field === 'edgeWeight' ? `[${numEdges}]` : `[${numEdges}, ...]`;
    throw new GraphValidationError(field, `expected shape ${expected} (one row per edge), got [${t.shape.join(', ')}]`);
  }
  if (validate) assertFinite(t, field);
}

/** Targets: a node-level `[numNodes, ...]` tensor, or one graph-level row (`[1, ...]` or a scalar). */
export function checkY(y: tf.Tensor, numNodes: number, extraRows?: number): void {
  assertTensor(y, 'y');
  if (y.rank > 0 && y.shape[0] !== numNodes && y.shape[0] !== 1 && y.shape[0] !== extraRows) {
    throw new GraphValidationError(
      'y',
      `expected ${numNodes} rows (one per node) or 1 row (graph-level target), got shape [${y.shape.join(', ')}]`,
    );
  }
}

/** Split masks: bool `[numNodes]`. */
export function checkMask(mask: tf.Tensor, field: string, numNodes: number): void {
  assertTensor(mask, field);
  if (mask.dtype !== 'bool') throw new GraphValidationError(field, `expected a bool tensor, got ${mask.dtype}`);
  if (mask.rank !== 1 || mask.shape[0] !== numNodes) {
    throw new GraphValidationError(field, `expected shape [${numNodes}] (one entry per node), got [${mask.shape.join(', ')}]`);
  }
}

/** `numClasses`: a positive integer. */
export function checkNumClasses(numClasses: number): void {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new GraphValidationError('numClasses', `expected a positive integer, got ${numClasses}`);
  }
}
