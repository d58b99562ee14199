/**
 * Turns the bytes of each raw Planetoid file into a typed value, checking that
 * each file holds the kind of object PyG expects from it.
 */
import { CsrMatrix, NUMPY_PICKLE_GLOBALS, NdArray, PickleError, PyDict, describe, readPickle, type PickleValue } from '@gnnjs/io';
import { DatasetError } from '../errors.js';

/** A 2-D matrix read from a feature file: a CSR matrix or a dense numpy array. */
export interface RawMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Adds row `r` into `out` starting at `offset` (duplicate CSR entries sum, as `todense()` does). */
  addRowInto(r: number, out: Float32Array, offset: number): void;
}

/** A dense 2-D numpy array read from a label file (one-hot rows). */
export interface RawLabels {
  readonly rows: number;
  readonly cols: number;
  readonly data: ArrayLike<number>;
}

/** The adjacency dict of `ind.<name>.graph`: node → neighbour list, in file order. */
export interface RawAdjacency {
  readonly keys: readonly number[];
  readonly neighbours: readonly (readonly number[])[];
}

/** Reads `x`, `tx` or `allx`. */
export function parseFeatureFile(bytes: Uint8Array, file: string): RawMatrix {
  const value = readRawPickle(bytes, file);
  if (value instanceof CsrMatrix && value.built) {
    const { indptr, indices, data } = value;
    return {
      rows: value.rows,
      cols: value.cols,
      addRowInto(r, out, offset) {
        for (let k = indptr[r]!; k < indptr[r + 1]!; k++) out[offset + indices[k]!]! += data[k]!;
      },
    };
  }
  const dense = expectMatrix(value, file, 'a scipy csr_matrix or a 2-D numpy array of features');
  return {
    rows: dense.rows,
    cols: dense.cols,
    addRowInto(r, out, offset) {
      for (let c = 0; c < dense.cols; c++) out[offset + c]! += dense.data[r * dense.cols + c]!;
    },
  };
}

/** Reads `y`, `ty` or `ally`. */
export function parseLabelFile(bytes: Uint8Array, file: string): RawLabels {
  return expectMatrix(readRawPickle(bytes, file), file, 'a 2-D numpy array of one-hot labels');
}

function expectMatrix(value: PickleValue, file: string, what: string): RawLabels {
  if (!(value instanceof NdArray) || value.data === undefined || value.shape.length !== 2) {
    throw new DatasetError(`expected ${what}, got ${describe(value)}`, file);
  }
  const [rows, cols] = value.shape as [number, number];
  return { rows, cols, data: value.data };
}

/** Reads `graph`: a `defaultdict(list)` (or dict) from node ids to neighbour lists. */
export function parseGraphFile(bytes: Uint8Array, file: string): RawAdjacency {
  const value = readRawPickle(bytes, file);
  if (!(value instanceof PyDict)) throw new DatasetError(`expected a dict of adjacency lists, got ${describe(value)}`, file);
  const keys: number[] = [];
  const neighbours: number[][] = [];
  for (const [key, list] of value.entries) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0) {
      throw new DatasetError(`adjacency key ${String(key)} is not a node id`, file);
    }
    if (!Array.isArray(list)) throw new DatasetError(`adjacency of node ${key} is a ${describe(list)}, not a list`, file);
    for (const n of list) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        throw new DatasetError(`adjacency of node ${key} holds ${describe(n)}, not a node id`, file);
      }
    }
    keys.push(key);
    neighbours.push(list as number[]);
  }
  return { keys, neighbours };
}

/** Reads `test.index`: one non-negative integer per line. */
export function parseIndexFile(bytes: Uint8Array, file: string): Int32Array {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError('test index is not UTF-8 text', file);
  }
  const lines = text.split('\n').map((l) => l.trim());
  if (lines.at(-1) === '') lines.pop();
  const out = new Int32Array(lines.length);
  lines.forEach((line, i) => {
    if (!/^\d{1,9}$/.test(line)) throw new DatasetError(`line ${i + 1} is not a node index: '${line.slice(0, 20)}'`, file);
    out[i] = Number(line);
  });
  if (out.length === 0) throw new DatasetError('test index is empty', file);
  return out;
}

/** A Planetoid pickle (numpy/scipy globals only); the reader's errors become `DatasetError`s naming the file. */
function readRawPickle(bytes: Uint8Array, file: string): PickleValue {
  try {
    return readPickle(bytes, file, { allow: NUMPY_PICKLE_GLOBALS });
  } catch (error) {
    if (error instanceof PickleError) throw new DatasetError(error.reason, file);
    throw error;
  }
}
