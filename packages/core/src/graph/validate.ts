/**
 * The checks a `Graph` runs once, when it is built: shapes, dtypes and index
 * values (O(E) reads), so that ops and layers never re-check values per call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { edgeIndexBounds, rememberIndexValues } from '../utils/edge_index_arrays.js';

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
 * Converts `edgeIndex` (an int32/float `[2, E]` tensor or two index rows) to an
 * int32 tensor. Values are read when `validate` is set or `needMax` asks for
 * the largest index; integral float tensors are cast. What the read proves is
 * kept with the tensor (`edgeIndexBounds`), so layers and utils given
 * `graph.edgeIndex` never scan its values again.
 */
export function checkEdgeIndex(
  edgeIndex: tf.Tensor | readonly ArrayLike<number>[],
  validate: boolean,
  needMax: boolean,
): CheckedEdgeIndex {
  if (edgeIndex instanceof tf.Tensor) {
    if (edgeIndex.rank !== 2 || edgeIndex.shape[0] !== 2) {
      throw new GraphValidationError('edgeIndex', `expected shape [2, E], got [${edgeIndex.shape.join(', ')}]`);
    }
    if (edgeIndex.dtype !== 'int32' && edgeIndex.dtype !== 'float32') {
      throw new GraphValidationError('edgeIndex', `expected integer indices, got dtype ${edgeIndex.dtype}`);
    }
    if (edgeIndex.dtype === 'int32') {
      const tensor = edgeIndex as tf.Tensor2D;
      return { tensor, created: false, maxIndex: validate || needMax ? largestIndex(tensor) : -1 };
    }
    // Built from the values read rather than with tf.cast, so that the indices
    // stay CPU-resident: later index utils read them synchronously, which
    // GPU backends (WebGPU) cannot do for kernel outputs.
    const values = edgeIndex.dataSync();
    if (validate) checkIntegral(values);
    const tensor = int32EdgeIndex(Int32Array.from(values));
    return { tensor, created: true, replaced: edgeIndex, maxIndex: validate || needMax ? largestIndex(tensor) : -1 };
  }
  if (!Array.isArray(edgeIndex) || edgeIndex.length !== 2) {
    throw new GraphValidationError('edgeIndex', 'expected a [2, E] tensor or two index rows [sources, targets]');
  }
  const [src, dst] = edgeIndex as [ArrayLike<number>, ArrayLike<number>];
  if (src.length !== dst.length) {
    throw new GraphValidationError('edgeIndex', `the two rows differ in length (${src.length} and ${dst.length})`);
  }
  // Int32Array rows are integers by type: copy them directly; other inputs are checked as numbers first.
  const typed = src instanceof Int32Array && dst instanceof Int32Array;
  const data = typed ? new Int32Array(2 * src.length) : new Float64Array(2 * src.length);
  data.set(src, 0);
  data.set(dst, src.length);
  if (!typed) checkIntegral(data);
  const tensor = int32EdgeIndex(typed ? (data as Int32Array) : Int32Array.from(data));
  return { tensor, created: true, maxIndex: largestIndex(tensor) };
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

/** Index values that are not int32 by type must be integers in `[0, 2³¹)` before they are converted. */
function checkIntegral(values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) throw new GraphValidationError('edgeIndex', `indices must be integers, got ${v}`);
    if (v < 0) throw new GraphValidationError('edgeIndex', `indices must be non-negative, got ${v}`);
    if (v > 2 ** 31 - 1) throw new GraphValidationError('edgeIndex', `index ${v} does not fit in int32`);
  }
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

/** Node features: `[numNodes, F]`, finite. */
export function checkX(x: tf.Tensor, validate: boolean): void {
  assertTensor(x, 'x');
  if (x.rank !== 2) throw new GraphValidationError('x', `expected shape [numNodes, F], got [${x.shape.join(', ')}]`);
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
