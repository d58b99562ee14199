import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { hostIndexValues, makeEdgeIndex, rememberIndexValues } from '../utils/edge_index_arrays.js';
import { EXTRA_TARGET_ROWS, Graph, type GraphInit, type GraphTensorField } from './graph.js';

/** Fields concatenated along their first axis, and what their rows count. */
const NODE_FIELDS = ['x', 'trainMask', 'valMask', 'testMask'] as const;
const EDGE_FIELDS = ['edgeAttr', 'edgeWeight'] as const;

/**
 * Many graphs as one disjoint graph (PyG's `Batch`): node-level fields are
 * concatenated, edge indices shifted by the nodes of the graphs before them,
 * and `batch[i]` says which graph node `i` came from. Layers treat a batch as
 * one graph; pooling (`globalMeanPool(x, batch.batch)`) reads per graph.
 *
 * @example
 * ```ts
 * const batch = Batch.fromGraphs([g0, g1, g2]);
 * const h = conv.apply(batch.x!, batch.edgeIndex);
 * const perGraph = globalMeanPool(h, batch.batch, batch.numGraphs); // [3, F]
 * ```
 */
export class Batch extends Graph {
  /** int32 `[numNodes]`: the graph of each node. */
  readonly batch: tf.Tensor1D;
  /** `numGraphs + 1` node offsets: graph g owns nodes `ptr[g] .. ptr[g+1]-1`. */
  readonly ptr: Int32Array;
  /** `numGraphs + 1` edge offsets: graph g owns edges `edgePtr[g] .. edgePtr[g+1]-1`. */
  readonly edgePtr: Int32Array;
  readonly numGraphs: number;
  /** Offsets of each graph's rows of `y` (node-level or graph-level targets). */
  readonly #yPtr: Int32Array | undefined;
  /** Graphs whose `y` was a scalar (stored as one row). */
  readonly #yScalar: Uint8Array | undefined;

  private constructor(
    init: GraphInit,
    layout: { batch: tf.Tensor1D; ptr: Int32Array; edgePtr: Int32Array; yPtr?: Int32Array; yScalar?: Uint8Array },
  ) {
    super(init, { validate: false, [EXTRA_TARGET_ROWS]: layout.ptr.length - 1 });
    this.batch = layout.batch;
    this.ptr = layout.ptr;
    this.edgePtr = layout.edgePtr;
    this.numGraphs = layout.ptr.length - 1;
    this.#yPtr = layout.yPtr;
    this.#yScalar = layout.yScalar;
    Object.freeze(this);
  }

  /**
   * Joins graphs into one disjoint union. Every graph must carry the same
   * fields. The batch owns new tensors; the input graphs stay untouched.
   *
   * @example
   * ```ts
   * const batch = Batch.fromGraphs(dataset.slice(0, 32));
   * batch.ptr; // Int32Array [0, n0, n0 + n1, ...]
   * ```
   */
  static fromGraphs(graphs: readonly Graph[]): Batch {
    if (graphs.length === 0) throw new GraphValidationError('graphs', 'expected at least one graph');
    graphs.forEach((g, i) => {
      if (!(g instanceof Graph)) throw new GraphValidationError('graphs', `item ${i} is not a Graph`);
      if (g.isDisposed) throw new GraphValidationError('graphs', `graph ${i} is disposed`);
    });
    const fields = presentFields(graphs);
    const numGraphs = graphs.length;
    const ptr = cumulative(graphs.map((g) => g.numNodes));
    const edgePtr = cumulative(graphs.map((g) => g.numEdges));

    const row = new Int32Array(edgePtr[numGraphs]!);
    const col = new Int32Array(edgePtr[numGraphs]!);
    graphs.forEach((g, i) => {
      const data = hostIndexValues(g.edgeIndex);
      for (let e = 0; e < g.numEdges; e++) {
        row[edgePtr[i]! + e] = data[e]! + ptr[i]!;
        col[edgePtr[i]! + e] = data[g.numEdges + e]! + ptr[i]!;
      }
    });
    const batchIds = new Int32Array(ptr[numGraphs]!);
    graphs.forEach((_, i) => batchIds.fill(i, ptr[i]!, ptr[i + 1]!));

    const created: tf.Tensor[] = [];
    try {
      const init: GraphInit = { edgeIndex: track(created, makeEdgeIndex(row, col)), numNodes: ptr[numGraphs]! };
      for (const field of [...NODE_FIELDS, ...EDGE_FIELDS] as const) {
        if (fields.has(field)) init[field] = track(created, concatField(graphs, field)) as tf.Tensor1D & tf.Tensor2D;
      }
      let yPtr: Int32Array | undefined;
      let yScalar: Uint8Array | undefined;
      if (fields.has('y')) {
        const ys = graphs.map((g) => g.y!);
        yScalar = Uint8Array.from(ys, (y) => (y.rank === 0 ? 1 : 0));
        yPtr = cumulative(ys.map((y) => (y.rank === 0 ? 1 : y.shape[0]!)));
        init.y = track(
          created,
          tf.tidy(() => concatRows(ys.map((y) => (y.rank === 0 ? tf.reshape(y, [1]) : y)), 'y')),
        );
      }
      const numClasses = Math.max(...graphs.map((g) => g.numClasses ?? 0));
      if (numClasses > 0) init.numClasses = numClasses;
      const batch = track(created, tf.tensor1d(batchIds, 'int32'));
      rememberIndexValues(batch, batchIds);
      return new Batch(init, { batch, ptr, edgePtr, ...(yPtr && yScalar ? { yPtr, yScalar } : {}) });
    } catch (error) {
      tf.dispose(created);
      throw error;
    }
  }

  /**
   * The graphs this batch was built from, as new graphs owning new tensors.
   *
   * @example
   * ```ts
   * const [first, second] = Batch.fromGraphs([a, b]).unbatch(); // same fields and values as a and b
   * ```
   */
  unbatch(): Graph[] {
    const data = hostIndexValues(this.edgeIndex);
    const numEdges = this.numEdges;
    return Array.from({ length: this.numGraphs }, (_, g) => {
      const [n0, n1] = [this.ptr[g]!, this.ptr[g + 1]!];
      const [e0, e1] = [this.edgePtr[g]!, this.edgePtr[g + 1]!];
      const row = new Int32Array(e1 - e0);
      const col = new Int32Array(e1 - e0);
      for (let e = e0; e < e1; e++) {
        row[e - e0] = data[e]! - n0;
        col[e - e0] = data[numEdges + e]! - n0;
      }
      const init: GraphInit = { edgeIndex: makeEdgeIndex(row, col), numNodes: n1 - n0 };
      for (const field of NODE_FIELDS) {
        const t = this[field];
        if (t !== undefined) init[field] = sliceRows(t, n0, n1 - n0) as tf.Tensor1D & tf.Tensor2D;
      }
      for (const field of EDGE_FIELDS) {
        const t = this[field];
        if (t !== undefined) init[field] = sliceRows(t, e0, e1 - e0) as tf.Tensor1D;
      }
      if (this.y !== undefined && this.#yPtr !== undefined) {
        const y = sliceRows(this.y, this.#yPtr[g]!, this.#yPtr[g + 1]! - this.#yPtr[g]!);
        init.y = this.#yScalar?.[g] ? tf.tidy(() => tf.reshape(y, [])) : y;
        if (this.#yScalar?.[g]) y.dispose();
      }
      if (this.numClasses !== undefined) init.numClasses = this.numClasses;
      return new Graph(init, { validate: false });
    });
  }

  /** Also frees `batch`. */
  override dispose(): void {
    super.dispose();
    this.batch.dispose();
  }
}

function track<T extends tf.Tensor>(created: tf.Tensor[], t: T): T {
  created.push(t);
  return t;
}

function cumulative(sizes: readonly number[]): Int32Array {
  const out = new Int32Array(sizes.length + 1);
  sizes.forEach((s, i) => (out[i + 1] = out[i]! + s));
  return out;
}

/** The optional tensor fields the graphs carry: all of them, or an error naming the field. */
function presentFields(graphs: readonly Graph[]): Set<GraphTensorField> {
  const fields = new Set<GraphTensorField>();
  for (const field of [...NODE_FIELDS, ...EDGE_FIELDS, 'y'] as const) {
    const has = graphs.map((g) => g[field] !== undefined);
    const first = has.indexOf(!has[0]);
    if (first >= 0) {
      const [withIt, without] = has[0] ? [0, first] : [first, 0];
      throw new GraphValidationError(field, `graph ${withIt} has ${field} but graph ${without} does not; batched graphs need the same fields`);
    }
    if (has[0]) fields.add(field);
  }
  return fields;
}

function concatField(graphs: readonly Graph[], field: (typeof NODE_FIELDS)[number] | (typeof EDGE_FIELDS)[number]): tf.Tensor {
  return concatRows(
    graphs.map((g) => g[field]!),
    field,
  );
}

function concatRows(tensors: readonly tf.Tensor[], field: string): tf.Tensor {
  const [first] = tensors;
  tensors.forEach((t, i) => {
    const same = t.dtype === first!.dtype && t.rank === first!.rank && t.shape.slice(1).every((d, k) => d === first!.shape[k + 1]);
    if (!same) {
      throw new GraphValidationError(
        field,
        `graph ${i} has ${field} of shape [${t.shape.join(', ')}] (${t.dtype}), graph 0 [${first!.shape.join(', ')}] (${first!.dtype})`,
      );
    }
  });
  return tensors.length === 1 ? tensors[0]!.clone() : tf.concat(tensors as tf.Tensor[], 0);
}

function sliceRows(t: tf.Tensor, start: number, size: number): tf.Tensor {
  const begin = t.shape.map((_, k) => (k === 0 ? start : 0));
  const sizes = t.shape.map((d, k) => (k === 0 ? size : d));
  return tf.slice(t, begin, sizes);
}
