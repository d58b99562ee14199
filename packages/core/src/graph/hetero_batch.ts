import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '../errors.js';
import { hostIndexValues, makeEdgeIndex, rememberIndexValues } from '../utils/edge_index_arrays.js';
import { EXTRA_TARGET_ROWS } from './graph.js';
import { HeteroGraph } from './hetero_graph.js';
import { cumulative, sliceRows } from './hetero_rows.js';
import { EDGE_TENSOR_FIELDS, NODE_TENSOR_FIELDS, type EdgeStoreInit, type HeteroGraphInit, type NodeStoreInit } from './hetero_stores.js';
import { edgeField, edgeTypeKey, nodeField, toEdgeType, type EdgeTypeArg } from './hetero_types.js';

/**
 * Many heterogeneous graphs as one disjoint graph (PyG's `Batch` of
 * `HeteroData`): per node type, the nodes of all graphs are concatenated and
 * `batch(type)[i]` says which graph node `i` came from; per edge type, row 0
 * is offset by the source type's nodes of the graphs before, row 1 by the
 * destination type's. Graph-level `y` gets one row per graph. Every graph must
 * have the same node types, edge types and fields.
 *
 * @example
 * ```ts
 * const batch = HeteroBatch.fromGraphs([g0, g1]);
 * batch.ptr('account');   // Int32Array [0, n0, n0 + n1]
 * batch.batch('account'); // int32 [n0 + n1]: 0 ... 0 1 ... 1
 * const [a, b] = batch.unbatch();
 * ```
 */
export class HeteroBatch<N extends string = string> extends HeteroGraph<N> {
  readonly numGraphs: number;
  readonly #batch: ReadonlyMap<string, tf.Tensor1D>;
  readonly #ptr: ReadonlyMap<string, Int32Array>;
  readonly #edgePtr: ReadonlyMap<string, Int32Array>;
  /** Offsets of each graph's rows of `y`, and the graphs whose `y` was a scalar. */
  readonly #yPtr: Int32Array | undefined;
  readonly #yScalar: Uint8Array | undefined;

  private constructor(init: HeteroGraphInit<N>, layout: BatchLayout) {
    super(init, { validate: false, [EXTRA_TARGET_ROWS]: layout.numGraphs });
    this.numGraphs = layout.numGraphs;
    this.#batch = layout.batch;
    this.#ptr = layout.ptr;
    this.#edgePtr = layout.edgePtr;
    this.#yPtr = layout.yPtr;
    this.#yScalar = layout.yScalar;
    Object.freeze(this);
  }

  /**
   * Joins heterogeneous graphs into one. The batch owns new tensors; the
   * input graphs stay untouched.
   *
   * @example
   * ```ts
   * const batch = HeteroBatch.fromGraphs(graphs);
   * const out = model.apply(batch.xDict(), batch.edgeIndexDict());
   * ```
   */
  static fromGraphs<N extends string>(graphs: readonly HeteroGraph<N>[]): HeteroBatch<N> {
    if (!Array.isArray(graphs) || graphs.length === 0) throw new GraphValidationError('graphs', 'expected at least one HeteroGraph');
    graphs.forEach((g, i) => {
      if (!(g instanceof HeteroGraph)) throw new GraphValidationError('graphs', `item ${i} is not a HeteroGraph`);
      if (g.isDisposed) throw new GraphValidationError('graphs', `graph ${i} is disposed`);
    });
    const [first] = graphs as [HeteroGraph<N>, ...HeteroGraph<N>[]];
    checkSameTypes(graphs);
    const numGraphs = graphs.length;
    const created: tf.Tensor[] = [];
    const own = <T extends tf.Tensor>(t: T): T => {
      created.push(t);
      return t;
    };
    try {
      const ptr = new Map<string, Int32Array>();
      const batch = new Map<string, tf.Tensor1D>();
      const nodes = {} as Record<N, NodeStoreInit>;
      for (const type of first.nodeTypes) {
        const stores = graphs.map((g) => g.node(type));
        const offsets = cumulative(stores.map((s) => s.numNodes));
        ptr.set(type, offsets);
        const ids = new Int32Array(offsets[numGraphs]!);
        for (let g = 0; g < numGraphs; g++) ids.fill(g, offsets[g]!, offsets[g + 1]!);
        const vector = own(tf.tensor1d(ids, 'int32'));
        rememberIndexValues(vector, ids);
        batch.set(type, vector);
        const init: NodeStoreInit = { numNodes: offsets[numGraphs]! };
        for (const field of NODE_TENSOR_FIELDS) {
          const parts = samePresence(stores.map((s) => s[field]), nodeField(type, field));
          if (parts !== undefined) (init as Record<string, tf.Tensor>)[field] = own(concatRows(parts, nodeField(type, field)));
        }
        const classes = stores.flatMap((s) => (s.numClasses === undefined ? [] : [s.numClasses]));
        if (classes.length > 0) init.numClasses = Math.max(...classes);
        nodes[type] = init;
      }
      const edgePtr = new Map<string, Int32Array>();
      const edges = first.edgeTypes.map((type): EdgeStoreInit<N> => {
        const stores = graphs.map((g) => g.edge(type));
        const offsets = cumulative(stores.map((s) => s.numEdges));
        edgePtr.set(edgeTypeKey(type), offsets);
        const [srcPtr, dstPtr] = [ptr.get(type[0])!, ptr.get(type[2])!];
        const total = offsets[numGraphs]!;
        const row = new Int32Array(total);
        const col = new Int32Array(total);
        stores.forEach((s, g) => {
          const data = hostIndexValues(s.edgeIndex);
          const start = offsets[g]!;
          for (let k = 0; k < s.numEdges; k++) {
            row[start + k] = data[k]! + srcPtr[g]!;
            col[start + k] = data[s.numEdges + k]! + dstPtr[g]!;
          }
        });
        const init: EdgeStoreInit<N> = { type, edgeIndex: own(makeEdgeIndex(row, col)) };
        for (const field of EDGE_TENSOR_FIELDS) {
          const parts = samePresence(stores.map((s) => s[field]), edgeField(type, field));
          if (parts !== undefined) (init as unknown as Record<string, tf.Tensor>)[field] = own(concatRows(parts, edgeField(type, field)));
        }
        return init;
      });
      const init: HeteroGraphInit<N> = { nodes, edges };
      const ys = samePresence(graphs.map((g) => g.y), 'y');
      let yPtr: Int32Array | undefined;
      let yScalar: Uint8Array | undefined;
      if (ys !== undefined) {
        yScalar = Uint8Array.from(ys, (y) => (y.rank === 0 ? 1 : 0));
        yPtr = cumulative(ys.map((y) => (y.rank === 0 ? 1 : y.shape[0]!)));
        init.y = own(tf.tidy(() => concatRows(ys.map((y) => (y.rank === 0 ? tf.reshape(y, [1]) : y)), 'y')));
      }
      return new HeteroBatch(init, { numGraphs, batch, ptr, edgePtr, yPtr, yScalar });
    } catch (error) {
      tf.dispose(created);
      throw error;
    }
  }

  /** int32 `[N_t]`: the graph of each node of `type`. */
  batch(type: N): tf.Tensor1D {
    this.node(type);
    return this.#batch.get(type)!;
  }

  /** `batch(type)` of every node type (PyG's `batch_dict`). */
  batchDict(): Record<N, tf.Tensor1D> {
    return Object.fromEntries(this.nodeTypes.map((t) => [t, this.#batch.get(t)!])) as Record<N, tf.Tensor1D>;
  }

  /** `numGraphs + 1` offsets: graph g owns nodes `ptr[g] .. ptr[g+1]-1` of `type`. */
  ptr(type: N): Int32Array {
    this.node(type);
    return this.#ptr.get(type)!;
  }

  /** `numGraphs + 1` offsets: graph g owns edges `edgePtr[g] .. edgePtr[g+1]-1` of `type`. */
  edgePtr(type: EdgeTypeArg<N>): Int32Array {
    return this.#edgePtr.get(this.edge(type).key)!;
  }

  /**
   * The graphs this batch was built from, as new graphs owning new tensors.
   *
   * @example
   * ```ts
   * const [a, b] = HeteroBatch.fromGraphs([g0, g1]).unbatch(); // same fields and values as g0 and g1
   * ```
   */
  unbatch(): HeteroGraph<N>[] {
    return Array.from({ length: this.numGraphs }, (_, g) => {
      const created: tf.Tensor[] = [];
      const own = <T extends tf.Tensor>(t: T): T => {
        created.push(t);
        return t;
      };
      try {
        const nodes = {} as Record<N, NodeStoreInit>;
        for (const store of this.nodeStores()) {
          const ptr = this.#ptr.get(store.type)!;
          const init: NodeStoreInit = { numNodes: ptr[g + 1]! - ptr[g]! };
          if (store.numClasses !== undefined) init.numClasses = store.numClasses;
          for (const field of NODE_TENSOR_FIELDS) {
            const t = store[field];
            if (t !== undefined) (init as Record<string, tf.Tensor>)[field] = own(sliceRows(t, ptr[g]!, ptr[g + 1]!));
          }
          nodes[store.type] = init;
        }
        const edges = this.edgeStores().map((store): EdgeStoreInit<N> => {
          const [e0, e1] = [this.#edgePtr.get(store.key)![g]!, this.#edgePtr.get(store.key)![g + 1]!];
          const [src0, dst0] = [this.#ptr.get(store.type[0])![g]!, this.#ptr.get(store.type[2])![g]!];
          const data = hostIndexValues(store.edgeIndex);
          const row = new Int32Array(e1 - e0);
          const col = new Int32Array(e1 - e0);
          for (let e = e0; e < e1; e++) {
            row[e - e0] = data[e]! - src0;
            col[e - e0] = data[store.numEdges + e]! - dst0;
          }
          const init: EdgeStoreInit<N> = { type: store.type, edgeIndex: own(makeEdgeIndex(row, col)) };
          for (const field of EDGE_TENSOR_FIELDS) {
            const t = store[field];
            if (t !== undefined) (init as unknown as Record<string, tf.Tensor>)[field] = own(sliceRows(t, e0, e1));
          }
          return init;
        });
        const init: HeteroGraphInit<N> = { nodes, edges };
        if (this.y !== undefined && this.#yPtr !== undefined) {
          const y = sliceRows(this.y, this.#yPtr[g]!, this.#yPtr[g + 1]!);
          init.y = own(this.#yScalar?.[g] ? tf.tidy(() => tf.reshape(y, [])) : y);
          if (init.y !== y) y.dispose();
        }
        return new HeteroGraph(init, { validate: false });
      } catch (error) {
        tf.dispose(created);
        throw error;
      }
    });
  }

  /** Also frees the `batch` vectors. */
  override dispose(): void {
    super.dispose();
    tf.dispose([...this.#batch.values()]);
  }
}

interface BatchLayout {
  numGraphs: number;
  batch: Map<string, tf.Tensor1D>;
  ptr: Map<string, Int32Array>;
  edgePtr: Map<string, Int32Array>;
  yPtr: Int32Array | undefined;
  yScalar: Uint8Array | undefined;
}

function checkSameTypes(graphs: readonly HeteroGraph[]): void {
  const [first] = graphs as [HeteroGraph];
  const nodeTypes = [...first.nodeTypes].sort().join(', ');
  const edgeTypes = first.edgeTypes.map((t) => edgeTypeKey(t)).sort().join(', ');
  graphs.forEach((g, i) => {
    if ([...g.nodeTypes].sort().join(', ') !== nodeTypes) {
      throw new GraphValidationError('graphs', `graph ${i} has node types [${g.nodeTypes.join(', ')}], graph 0 [${first.nodeTypes.join(', ')}]; batched graphs need the same types`);
    }
    const missing = first.edgeTypes.find((t) => !g.hasEdge(t)) ?? g.edgeTypes.find((t) => !first.hasEdge(t));
    if (missing !== undefined || g.edgeTypes.map((t) => edgeTypeKey(t)).sort().join(', ') !== edgeTypes) {
      throw new GraphValidationError(edgeField(toEdgeType(missing ?? first.edgeTypes[0]!)), `is in one of graphs 0 and ${i} but not the other; batched graphs need the same edge types`);
    }
  });
}

/** The field of every graph, or none; an error naming the field when some graphs have it and some do not. */
function samePresence<T>(values: readonly (T | undefined)[], field: string): T[] | undefined {
  const missing = values.findIndex((v) => v === undefined);
  if (missing === -1) return values as T[];
  const present = values.findIndex((v) => v !== undefined);
  if (present === -1) return undefined;
  throw new GraphValidationError(field, `graph ${present} has it but graph ${missing} does not; batched graphs need the same fields`);
}

function concatRows(tensors: readonly tf.Tensor[], field: string): tf.Tensor {
  const [first] = tensors as [tf.Tensor];
  tensors.forEach((t, i) => {
    const same = t.dtype === first.dtype && t.rank === first.rank && t.shape.slice(1).every((d, k) => d === first.shape[k + 1]);
    if (!same) {
      throw new GraphValidationError(field, `graph ${i} has shape [${t.shape.join(', ')}] (${t.dtype}), graph 0 [${first.shape.join(', ')}] (${first.dtype})`);
    }
  });
  return tensors.length === 1 ? first.clone() : tf.concat(tensors as tf.Tensor[], 0);
}
