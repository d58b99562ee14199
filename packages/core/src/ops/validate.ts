/**
 * Cheap argument checks shared by the GNN ops: dtype, rank and shape only.
 * Index *values* are proven once per tensor (when a `Graph` is built, or when
 * a graph util first reads them), never per call.
 */
import { Tensor, tensor, type DataType, type Tensor2D, type TensorLike } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';

function convertToTensor(value: Tensor | TensorLike, dtype: DataType): Tensor {
  return value instanceof Tensor ? value : tensor(value, undefined, dtype);
}

export function toIndexTensor(value: Tensor | TensorLike, argument: string, op: string): Tensor {
  const t = convertToTensor(value, 'int32');
  if (t.dtype !== 'int32') {
    throw new ShapeError(argument, `${op} expects int32 indices, got ${t.dtype}`);
  }
  return t;
}

export function toFloatTensor(value: Tensor | TensorLike, argument: string, op: string): Tensor {
  const t = convertToTensor(value, 'float32');
  if (t.dtype !== 'float32') {
    throw new ShapeError(argument, `${op} expects float32 values, got ${t.dtype}`);
  }
  return t;
}

export function assertRank(t: Tensor, rank: number, argument: string, op: string): void {
  if (t.rank !== rank) {
    throw new ShapeError(argument, `${op} expects rank ${rank}, got shape [${t.shape.join(', ')}]`);
  }
}

export function assertMinRank(t: Tensor, rank: number, argument: string, op: string): void {
  if (t.rank < rank) {
    throw new ShapeError(argument, `${op} expects rank >= ${rank}, got shape [${t.shape.join(', ')}]`);
  }
}

export function assertSameLeading(a: Tensor, b: Tensor, aName: string, bName: string, op: string): void {
  if (a.shape[0] !== b.shape[0]) {
    throw new ShapeError(
      bName,
      `${op} expects ${aName} and ${bName} to have the same length, got ${a.shape[0]} and ${b.shape[0]}`,
    );
  }
}

export function assertCount(n: number, argument: string, op: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new ShapeError(argument, `${op} expects a non-negative integer, got ${n}`);
  }
}

/**
 * Checks what an edge index shows without reading its values: an int32 tensor
 * of shape `[2, E]`. Every entry point that takes an edge index runs it (the
 * layers, `MessagePassing.propagate`, the GNN ops and the graph utils); each
 * error is a `ShapeError` on `edgeIndex` that names `caller`.
 *
 * @example
 * ```ts
 * forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D) {
 *   assertEdgeIndex(edgeIndex, 'MyConv'); // "edgeIndex: MyConv expects int32 indices, got float32"
 *   return this.propagate(edgeIndex, { x });
 * }
 * ```
 */
export function assertEdgeIndex(edgeIndex: unknown, caller: string): asserts edgeIndex is Tensor2D {
  if (!(edgeIndex instanceof Tensor)) {
    throw new ShapeError('edgeIndex', `${caller} expects an int32 tensor of shape [2, E], got ${typeof edgeIndex}`);
  }
  if (edgeIndex.rank !== 2 || edgeIndex.shape[0] !== 2) {
    throw new ShapeError('edgeIndex', `${caller} expects shape [2, E], got [${edgeIndex.shape.join(', ')}]`);
  }
  if (edgeIndex.dtype !== 'int32') {
    throw new ShapeError('edgeIndex', `${caller} expects int32 indices, got ${edgeIndex.dtype}`);
  }
}
