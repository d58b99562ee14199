/**
 * Cheap argument checks shared by the GNN ops: dtype, rank and shape only.
 * Index *values* are checked once, when a `Graph` is built, never per call.
 */
import { Tensor, tensor, type DataType, type TensorLike } from '@tensorflow/tfjs-core';
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

export function assertEdgeIndex(edgeIndex: Tensor, op: string): void {
  if (edgeIndex.rank !== 2 || edgeIndex.shape[0] !== 2) {
    throw new ShapeError('edgeIndex', `${op} expects shape [2, E], got [${edgeIndex.shape.join(', ')}]`);
  }
}
