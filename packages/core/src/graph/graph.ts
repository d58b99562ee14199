import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { hostIndexValues } from '../utils/edge_index_arrays.js';
import { buildCSR, type CSR } from './csr.js';
import { checkLayout, type EdgeIndexLayout, type IndexRow } from './edge_index_input.js';
import { checkEdgeField, checkEdgeIndex, checkMask, checkNumClasses, checkX, checkY, resolveGraphNumNodes } from './validate.js';

/** The fields of a {@link Graph}: PyG's `Data` attributes in camelCase. */
export interface GraphInit {
  /**
   * The edges. By default (`layout: 'coo-rows'`, PyG's `edge_index`): an int32
   * `[2, E]` tensor, row 0 = sources j, row 1 = targets i (messages flow
   * j → i), or the two rows as arrays. With `layout: 'pairs'`: an `[E, 2]`
   * tensor or an array of `[source, target]` pairs. Only E = 2 is ambiguous
   * (`[[0, 2], [1, 3]]` is 0→1, 2→3 as rows, 0→2, 1→3 as pairs), so the layout
   * is never guessed. Rows may be numbers, `Int32Array`s, or 64-bit integers
   * (`BigInt64Array`, `bigint[]`: Arrow, Parquet and DuckDB int64 columns)
   * when every id fits int32. Float ids from 2²⁴ on are refused (float32
   * cannot hold every integer there); pass int32.
   */
  edgeIndex: tf.Tensor2D | readonly IndexRow[];
  /** Node features: float32 `[N, F]` (other dtypes are refused: cast them with `tf.cast(x, 'float32')`). */
  x?: tf.Tensor2D | undefined;
  /** Edge features `[E, ...]`. */
  edgeAttr?: tf.Tensor | undefined;
  /** Scalar edge weights `[E]`. */
  edgeWeight?: tf.Tensor1D | undefined;
  /** Targets: node-level `[N, ...]` or one graph-level row `[1, ...]`. */
  y?: tf.Tensor | undefined;
  /** bool `[N]` split masks. */
  trainMask?: tf.Tensor1D | undefined;
  valMask?: tf.Tensor1D | undefined;
  testMask?: tf.Tensor1D | undefined;
  /** Defaults to the rows of `x`, else the largest index + 1. */
  numNodes?: number | undefined;
  numClasses?: number | undefined;
}

/** Options of the {@link Graph} constructor. */
export interface GraphOptions {
  /**
   * Check index values, shapes and finiteness once (O(N·F + E) reads).
   * Default true; turn off only for data that was validated before.
   */
  validate?: boolean | undefined;
  /** How `edgeIndex` is laid out: `'coo-rows'` (default, `[2, E]`) or `'pairs'` (`[E, 2]`); see {@link GraphInit.edgeIndex}. */
  layout?: EdgeIndexLayout | undefined;
}

/**
 * Internal option of subclasses: another accepted row count of `y` (a batch's
 * graph-level targets have one row per graph). Not exported from the package.
 */
export const EXTRA_TARGET_ROWS: unique symbol = Symbol('extraTargetRows');

/** The tensor fields of a graph, in the order `toString` prints them. */
export const GRAPH_TENSOR_FIELDS = ['x', 'edgeIndex', 'edgeAttr', 'edgeWeight', 'y', 'trainMask', 'valMask', 'testMask'] as const;
export type GraphTensorField = (typeof GRAPH_TENSOR_FIELDS)[number];

/**
 * A graph as a plain, immutable value holding tfjs tensors (like PyG's `Data`
 * and Jraph's `GraphsTuple`). The graph OWNS the tensors given to it:
 * `dispose()` frees them all. Indices are validated once, here, so that ops
 * never re-read them.
 *
 * @example
 * ```ts
 * const graph = new Graph({
 *   edgeIndex: [[0, 1, 1, 2], [1, 0, 2, 1]],
 *   x: tf.tensor2d([[1], [2], [3]]),
 * });
 * graph.numNodes; // 3
 * graph.dispose();
 * ```
 */
export class Graph {
  readonly edgeIndex: tf.Tensor2D;
  readonly x: tf.Tensor2D | undefined;
  readonly edgeAttr: tf.Tensor | undefined;
  readonly edgeWeight: tf.Tensor1D | undefined;
  readonly y: tf.Tensor | undefined;
  readonly trainMask: tf.Tensor1D | undefined;
  readonly valMask: tf.Tensor1D | undefined;
  readonly testMask: tf.Tensor1D | undefined;
  readonly numNodes: number;
  readonly numEdges: number;
  /** Columns of `x` (0 without `x`). */
  readonly numFeatures: number;
  /** Columns of `edgeAttr` (1 for a 1-D `edgeAttr`, 0 without). */
  readonly numEdgeFeatures: number;
  readonly numClasses: number | undefined;
  #csr: CSR | undefined;

  constructor(init: GraphInit, options: GraphOptions & { [EXTRA_TARGET_ROWS]?: number } = {}) {
    const validate = options.validate ?? true;
    if (init === null || typeof init !== 'object') throw new GraphValidationError('init', 'expected an object of graph fields');
    if (init.x !== undefined) checkX(init.x, validate);
    const needMax = init.numNodes === undefined && init.x === undefined;
    const checked = checkEdgeIndex(init.edgeIndex, validate, needMax, checkLayout(options.layout));
    try {
      const numNodes = resolveGraphNumNodes(init.numNodes, init.x, checked.maxIndex, validate);
      const numEdges = checked.tensor.shape[1]!;
      if (init.edgeAttr !== undefined) checkEdgeField(init.edgeAttr, 'edgeAttr', numEdges, validate);
      if (init.edgeWeight !== undefined) checkEdgeField(init.edgeWeight, 'edgeWeight', numEdges, validate);
      if (init.y !== undefined) checkY(init.y, numNodes, options[EXTRA_TARGET_ROWS]);
      for (const field of ['trainMask', 'valMask', 'testMask'] as const) {
        const mask = init[field];
        if (mask !== undefined) checkMask(mask, field, numNodes);
      }
      if (init.numClasses !== undefined) checkNumClasses(init.numClasses);
      this.numNodes = numNodes;
      this.numEdges = numEdges;
    } catch (error) {
      if (checked.created) checked.tensor.dispose();
      throw error;
    }
    checked.replaced?.dispose();
    this.edgeIndex = checked.tensor;
    this.x = init.x;
    this.edgeAttr = init.edgeAttr;
    this.edgeWeight = init.edgeWeight;
    this.y = init.y;
    this.trainMask = init.trainMask;
    this.valMask = init.valMask;
    this.testMask = init.testMask;
    this.numClasses = init.numClasses;
    this.numFeatures = init.x?.shape[1] ?? 0;
    this.numEdgeFeatures = init.edgeAttr === undefined ? 0 : init.edgeAttr.rank === 1 ? 1 : init.edgeAttr.shape[1]!;
    // Subclasses (Batch) freeze themselves once their own fields are set.
    if (new.target === Graph) Object.freeze(this);
  }

  /**
   * The destination-sorted CSR of the adjacency (see {@link CSR}), built on
   * the first call and cached on this graph.
   *
   * @example
   * ```ts
   * const { indptr, indices, edgePerm } = graph.toCSR(); // in-neighbours of i: indices[indptr[i] .. indptr[i+1]-1]
   * ```
   */
  toCSR(): CSR {
    if (this.#csr === undefined) {
      const data = hostIndexValues(this.edgeIndex);
      const e = this.numEdges;
      this.#csr = buildCSR(data.subarray(0, e), data.subarray(e, 2 * e), this.numNodes);
    }
    return this.#csr;
  }

  /** The tensor fields that are set, by name. */
  tensors(): Partial<Record<GraphTensorField, tf.Tensor>> {
    const out: Partial<Record<GraphTensorField, tf.Tensor>> = {};
    for (const field of GRAPH_TENSOR_FIELDS) {
      const t = this[field];
      if (t !== undefined) out[field] = t;
    }
    return out;
  }

  /** Frees every tensor of the graph. */
  dispose(): void {
    tf.dispose(Object.values(this.tensors()));
  }

  /** True once `dispose()` freed the graph's tensors. */
  get isDisposed(): boolean {
    return this.edgeIndex.isDisposed;
  }

  /** PyG-style summary, e.g. `Graph(x=[3, 1], edgeIndex=[2, 4], numNodes=3)`. */
  toString(): string {
    const parts = Object.entries(this.tensors()).map(([name, t]) => `${name}=[${t.shape.join(', ')}]`);
    parts.push(`numNodes=${this.numNodes}`);
    if (this.numClasses !== undefined) parts.push(`numClasses=${this.numClasses}`);
    return `${this.constructor.name}(${parts.join(', ')})`;
  }

  /**
   * A graph from index arrays (`row` = sources, `col` = targets) and tensor fields.
   *
   * @example
   * ```ts
   * const g = Graph.fromCOO({ row: [0, 1], col: [1, 2] }, { x: tf.ones([3, 4]) });
   * ```
   */
  static fromCOO(
    coo: { row: IndexRow; col: IndexRow },
    fields: Omit<GraphInit, 'edgeIndex'> = {},
    options: GraphOptions = {},
  ): Graph {
    return new Graph({ ...fields, edgeIndex: [coo.row, coo.col] }, { ...options, layout: 'coo-rows' });
  }

  /**
   * A graph from a CSR adjacency whose rows are TARGET nodes (PyG's `adj_t`):
   * `indices[indptr[i] .. indptr[i+1]-1]` are the sources of the edges into
   * `i`. The edges come out grouped by target, and `toCSR()` is free.
   *
   * @example
   * ```ts
   * // edges 1 -> 0, 2 -> 0, 0 -> 2
   * const g = Graph.fromCSR({ indptr: [0, 2, 2, 3], indices: [1, 2, 0] });
   * ```
   */
  static fromCSR(
    csr: { indptr: ArrayLike<number>; indices: ArrayLike<number> } & Omit<GraphInit, 'edgeIndex'>,
    options: GraphOptions = {},
  ): Graph {
    const { indptr, indices, ...fields } = csr;
    const numRows = indptr.length - 1;
    if (numRows < 0 || indptr[0] !== 0 || indptr[numRows] !== indices.length) {
      throw new GraphValidationError('indptr', `expected indptr[0] = 0 and indptr[last] = ${indices.length} (the number of edges)`);
    }
    const targets = new Int32Array(indices.length);
    for (let i = 0; i < numRows; i++) {
      const start = indptr[i]!;
      const end = indptr[i + 1]!;
      if (!Number.isInteger(end) || end < start) {
        throw new GraphValidationError('indptr', `must be non-decreasing integers, got ${start} then ${end}`);
      }
      targets.fill(i, start, end);
    }
    const graph = new Graph({ numNodes: numRows, ...fields, edgeIndex: [indices, targets] }, { ...options, layout: 'coo-rows' });
    if (graph.numNodes === numRows) {
      graph.#csr = {
        indptr: Int32Array.from(indptr),
        indices: Int32Array.from(indices),
        edgePerm: Int32Array.from({ length: indices.length }, (_, k) => k),
      };
    }
    return graph;
  }

  /**
   * A graph from plain arrays: the edges as `src`/`dst` and features as nested
   * arrays (or a flat Float32Array with `xShape`). Tensors are created here
   * and owned by the graph.
   *
   * @example
   * ```ts
   * const g = Graph.fromArrays({ src: [0, 1], dst: [1, 2], x: [[1, 0], [0, 1], [1, 1]], y: [0, 1, 1] });
   * ```
   */
  static fromArrays(arrays: GraphArrays, options: GraphOptions = {}): Graph {
    const created: tf.Tensor[] = [];
    const track = <T extends tf.Tensor>(t: T): T => {
      created.push(t);
      return t;
    };
    try {
      const init: GraphInit = { edgeIndex: [arrays.src, arrays.dst] };
      if (arrays.x !== undefined) init.x = track(toMatrix(arrays.x, arrays.xShape, arrays.numNodes, 'x'));
      if (arrays.edgeAttr !== undefined) init.edgeAttr = track(toEdgeAttr(arrays.edgeAttr));
      if (arrays.edgeWeight !== undefined) init.edgeWeight = track(tf.tensor1d(Array.from(arrays.edgeWeight), 'float32'));
      if (arrays.y !== undefined) init.y = track(toTargets(arrays.y, arrays.yDtype));
      for (const field of ['trainMask', 'valMask', 'testMask'] as const) {
        const mask = arrays[field];
        if (mask !== undefined) init[field] = track(tf.tensor1d(Array.from(mask, (v) => (v ? 1 : 0)), 'bool'));
      }
      if (arrays.numNodes !== undefined) init.numNodes = arrays.numNodes;
      if (arrays.numClasses !== undefined) init.numClasses = arrays.numClasses;
      return new Graph(init, { ...options, layout: 'coo-rows' });
    } catch (error) {
      tf.dispose(created);
      throw error;
    }
  }
}

/** Input of {@link Graph.fromArrays}. */
export interface GraphArrays {
  /** Source node of each edge (numbers, or int64 ids as `BigInt64Array`/`bigint[]` that fit int32). */
  src: IndexRow;
  /** Target node of each edge. */
  dst: IndexRow;
  /** Node features: `N` rows of `F` numbers, or a flat row-major Float32Array with `xShape`. */
  x?: readonly (readonly number[])[] | Float32Array | undefined;
  /** `[N, F]` of a flat `x`; may be left out when `numNodes` is given. */
  xShape?: readonly [number, number] | undefined;
  /** Edge features: `E` rows, or `E` numbers for 1-D attributes. */
  edgeAttr?: readonly (readonly number[])[] | ArrayLike<number> | undefined;
  edgeWeight?: ArrayLike<number> | undefined;
  /** Targets; int32 unless `yDtype` says otherwise or a value is fractional (or it is a Float32Array). */
  y?: ArrayLike<number> | undefined;
  yDtype?: 'int32' | 'float32' | undefined;
  trainMask?: ArrayLike<boolean | number> | undefined;
  valMask?: ArrayLike<boolean | number> | undefined;
  testMask?: ArrayLike<boolean | number> | undefined;
  numNodes?: number | undefined;
  numClasses?: number | undefined;
}

function toMatrix(
  values: readonly (readonly number[])[] | Float32Array,
  shape: readonly [number, number] | undefined,
  numNodes: number | undefined,
  field: string,
): tf.Tensor2D {
  if (!(values instanceof Float32Array)) {
    const width = values[0]?.length ?? 0;
    if (values.some((row) => row.length !== width)) throw new GraphValidationError(field, 'rows differ in length');
    return tf.tensor2d(values as number[][], [values.length, width], 'float32');
  }
  const rows = shape?.[0] ?? numNodes;
  if (rows === undefined) throw new GraphValidationError(field, 'a flat Float32Array needs xShape (or numNodes)');
  const cols = shape?.[1] ?? (rows === 0 ? 0 : values.length / rows);
  if (!Number.isInteger(cols) || rows * cols !== values.length) {
    throw new GraphValidationError(field, `${values.length} values do not fill a [${rows}, ${cols}] matrix`);
  }
  return tf.tensor2d(values, [rows, cols], 'float32');
}

function toEdgeAttr(values: readonly (readonly number[])[] | ArrayLike<number>): tf.Tensor {
  const first = (values as ArrayLike<unknown>)[0];
  if (Array.isArray(first)) return toMatrix(values as readonly (readonly number[])[], undefined, undefined, 'edgeAttr');
  return tf.tensor1d(Array.from(values as ArrayLike<number>), 'float32');
}

function toTargets(values: ArrayLike<number>, dtype: 'int32' | 'float32' | undefined): tf.Tensor {
  const isFloat =
    dtype === 'float32' || (dtype === undefined && (values instanceof Float32Array || Array.from(values).some((v) => !Number.isInteger(v))));
  return tf.tensor1d(Array.from(values), isFloat ? 'float32' : 'int32');
}
