/**
 * Tensors as plain typed arrays, without TensorFlow.js: what the readers
 * return and the safetensors writer takes. int64 stays exact as a
 * `BigInt64Array` (tfjs has no int64; see `toTensor`).
 */
import { WeightsFormatError } from './errors.js';

interface Typed<D extends string, A> {
  readonly dtype: D;
  /** Row-major shape; `[]` is a scalar. */
  readonly shape: readonly number[];
  /** The elements in row-major (C) order; `bool` as 0/1 bytes. */
  readonly data: A;
}

/**
 * A tensor on the host: dtype, shape and row-major elements.
 *
 * @example
 * ```ts
 * const bias: HostTensor = { dtype: 'float32', shape: [2], data: Float32Array.of(0.5, -1) };
 * ```
 */
export type HostTensor =
  | Typed<'float32', Float32Array>
  | Typed<'float64', Float64Array>
  | Typed<'int32', Int32Array>
  | Typed<'int64', BigInt64Array>
  | Typed<'bool', Uint8Array>;

/** The dtypes of {@link HostTensor}. */
export type HostDType = HostTensor['dtype'];

/** The typed-array class of each host dtype. */
export const HOST_ARRAYS = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  int64: BigInt64Array,
  bool: Uint8Array,
} as const;

/** Bytes per element of each host dtype (as stored in files). */
export const HOST_ITEM_SIZES: Readonly<Record<HostDType, number>> = { float32: 4, float64: 8, int32: 4, int64: 8, bool: 1 };

/**
 * The number of elements of `shape` (1 for a scalar).
 *
 * @example
 * ```ts
 * sizeOf([2, 3]); // 6
 * sizeOf([]); // 1
 * ```
 */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Builds a host tensor from a dtype and a typed array of the matching class. */
export function hostTensor(dtype: HostDType, shape: readonly number[], data: HostTensor['data']): HostTensor {
  return { dtype, shape, data } as HostTensor;
}

/**
 * Checks that `tensor` is a well-formed host tensor: a known dtype, a shape
 * of non-negative integers, and a typed array of the matching class and
 * length; a {@link WeightsFormatError} naming `key` and `file` otherwise.
 *
 * @example
 * ```ts
 * checkHostTensor({ dtype: 'float32', shape: [2, 2], data: new Float32Array(3) }, 'w', 'out.safetensors');
 * // WeightsFormatError: out.safetensors: tensor 'w': shape [2, 2] needs 4 elements, data holds 3
 * ```
 */
export function checkHostTensor(tensor: HostTensor, key: string, file: string): void {
  const fail = (reason: string): never => {
    throw new WeightsFormatError(reason, file, { key });
  };
  if (!Object.hasOwn(HOST_ARRAYS, tensor.dtype)) fail(`unsupported dtype ${String(tensor.dtype)}`);
  if (!Array.isArray(tensor.shape) || !tensor.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    fail(`shape must be non-negative integers, got ${JSON.stringify(tensor.shape)}`);
  }
  if (!(tensor.data instanceof HOST_ARRAYS[tensor.dtype])) fail(`data of a ${tensor.dtype} tensor must be a ${HOST_ARRAYS[tensor.dtype].name}`);
  const size = sizeOf(tensor.shape);
  if (tensor.data.length !== size) fail(`shape [${tensor.shape.join(', ')}] needs ${size} elements, data holds ${tensor.data.length}`);
}

/**
 * Sets `record[key]` as an own property, so that a file's key such as
 * `__proto__` is data, never the record's prototype.
 */
export function setEntry<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
