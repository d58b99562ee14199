/**
 * numpy arrays as numpy pickles them: `_reconstruct(ndarray, (0,), 'b')`
 * creates an empty array, then BUILD hands it
 * `(version, shape, dtype, is_fortran, raw_bytes)`.
 */
import { PickleError } from '../errors.js';
import {
  PyBytes,
  describe,
  expectCount,
  expectText,
  expectTuple,
  type PickleValue,
  type PyObject,
} from './values.js';

/** The element types we decode, by numpy type code (without byte order). */
const ITEM_SIZES = {
  b1: 1,
  i1: 1,
  u1: 1,
  i2: 2,
  u2: 2,
  i4: 4,
  u4: 4,
  i8: 8,
  u8: 8,
  f4: 4,
  f8: 8,
} as const;

/** A numpy type code we can decode, e.g. `i4` (int32) or `f8` (float64). */
export type DTypeCode = keyof typeof ITEM_SIZES;

function isDTypeCode(code: string): code is DTypeCode {
  return Object.hasOwn(ITEM_SIZES, code);
}

/** `numpy.dtype(code, 0, 1)` followed by BUILD with its byte order. */
export class NumpyDType implements PyObject {
  readonly pythonType = 'numpy.dtype';
  readonly code: DTypeCode;
  littleEndian = true;

  constructor(args: readonly PickleValue[], file: string) {
    const raw = expectText(args[0] ?? null, 'numpy.dtype code', file);
    // numpy pickles a dtype as e.g. 'i4' or '<i4'; the byte order comes in the state.
    const code = raw.replace(/^[<>=|]/, '');
    if (!isDTypeCode(code)) {
      throw new PickleError(`unsupported numpy dtype '${raw}'`, file);
    }
    this.code = code;
  }

  get itemSize(): number {
    return ITEM_SIZES[this.code];
  }

  setState(state: PickleValue, file: string): void {
    const items = expectTuple(state, 'numpy.dtype state', file);
    if (items.length < 2 || items[0] !== 3) {
      throw new PickleError(`unsupported numpy.dtype state (${describe(state)})`, file);
    }
    const order = expectText(items[1] ?? null, 'numpy.dtype byte order', file);
    if (order === '>') this.littleEndian = false;
    else if (order !== '<' && order !== '|' && order !== '=') {
      throw new PickleError(`unknown numpy byte order '${order}'`, file);
    }
  }
}

/** The decoded elements of an array: ints ≤ 32 bits as Int32Array, others as floats. */
export type NdData = Int32Array | Float32Array | Float64Array;

/** A numpy array after BUILD: shape, dtype and decoded elements in C order. */
export class NdArray implements PyObject {
  readonly pythonType = 'numpy.ndarray';
  shape: number[] = [];
  dtype: DTypeCode | undefined;
  data: NdData | undefined;

  setState(state: PickleValue, file: string): void {
    const [version, shapeValue, dtype, fortran, raw] = expectTuple(state, 'numpy.ndarray state', file, 5);
    if (version !== 1) throw new PickleError(`unsupported numpy.ndarray state version ${describe(version ?? null)}`, file);
    const shape = expectTuple(shapeValue ?? null, 'numpy.ndarray shape', file).map((d) => expectCount(d, 'numpy.ndarray dimension', file));
    if (!(dtype instanceof NumpyDType)) {
      throw new PickleError(`numpy.ndarray dtype must be a numpy.dtype, got ${describe(dtype ?? null)}`, file);
    }
    if (typeof fortran !== 'boolean') throw new PickleError('numpy.ndarray fortran flag must be a bool', file);
    if (!(raw instanceof PyBytes)) {
      throw new PickleError(`numpy.ndarray buffer must be a str, got ${describe(raw ?? null)}`, file);
    }
    if (fortran && shape.length > 2) throw new PickleError('Fortran-ordered numpy arrays above 2-D are not supported', file);
    const size = shape.reduce((a, b) => a * b, 1);
    if (raw.bytes.length !== size * dtype.itemSize) {
      throw new PickleError(
        `numpy.ndarray of shape [${shape.join(', ')}] and dtype ${dtype.code} needs ${size * dtype.itemSize} bytes, the buffer holds ${raw.bytes.length}`,
        file,
      );
    }
    const data = decode(raw.bytes, dtype, size, file);
    this.shape = shape;
    this.dtype = dtype.code;
    this.data = fortran && shape.length > 1 ? fortranToC(data, shape) : data;
  }
}

function decode(bytes: Uint8Array, dtype: NumpyDType, size: number, file: string): NdData {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = dtype.littleEndian;
  const fastPath = le && HOST_IS_LITTLE_ENDIAN;
  switch (dtype.code) {
    case 'f4':
      if (fastPath) return new Float32Array(bytes.slice().buffer);
      return Float32Array.from({ length: size }, (_, i) => view.getFloat32(i * 4, le));
    case 'f8':
      if (fastPath) return new Float64Array(bytes.slice().buffer);
      return Float64Array.from({ length: size }, (_, i) => view.getFloat64(i * 8, le));
    case 'i4':
      if (fastPath) return new Int32Array(bytes.slice().buffer);
      return Int32Array.from({ length: size }, (_, i) => view.getInt32(i * 4, le));
    case 'b1':
    case 'u1':
      return Int32Array.from(bytes);
    case 'i1':
      return Int32Array.from({ length: size }, (_, i) => view.getInt8(i));
    case 'i2':
      return Int32Array.from({ length: size }, (_, i) => view.getInt16(i * 2, le));
    case 'u2':
      return Int32Array.from({ length: size }, (_, i) => view.getUint16(i * 2, le));
    case 'u4':
      return Float64Array.from({ length: size }, (_, i) => view.getUint32(i * 4, le));
    case 'i8':
    case 'u8': {
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const v = dtype.code === 'i8' ? view.getBigInt64(i * 8, le) : view.getBigUint64(i * 8, le);
        if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
          throw new PickleError(`numpy ${dtype.code} element ${i} does not fit a JavaScript number`, file);
        }
        out[i] = Number(v);
      }
      return out;
    }
  }
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function fortranToC(data: NdData, shape: readonly number[]): NdData {
  const [rows, cols] = shape as [number, number];
  const out = new (data.constructor as new (n: number) => NdData)(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = data[c * rows + r]!;
  return out;
}

/**
 * Returns `value` as a built numpy array, or throws a {@link PickleError} naming `what`.
 *
 * @example
 * ```ts
 * const y = expectNdArray(readPickle(bytes, 'ind.cora.y', { allow: NUMPY_PICKLE_GLOBALS }), 'labels', 'ind.cora.y');
 * y.shape; // [140, 7]: one-hot labels of the training nodes
 * ```
 */
export function expectNdArray(value: PickleValue | undefined, what: string, file: string): NdArray & { data: NdData } {
  if (!(value instanceof NdArray) || value.data === undefined) {
    throw new PickleError(`${what} must be a numpy.ndarray, got ${describe(value ?? null)}`, file);
  }
  return value as NdArray & { data: NdData };
}
