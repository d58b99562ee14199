/**
 * The per-type stores of a {@link HeteroGraph} (PyG's `NodeStorage` and
 * `EdgeStorage`): what a constructor takes, and the frozen records a graph
 * holds.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { EdgeType, EdgeTypeKey, EdgeTypeLike } from './hetero_types.js';
import type { EdgeIndexLayout, IndexRow } from './edge_index_input.js';

/** The fields of one node type. Every tensor has one row per node of the type. */
export interface NodeStoreInit {
  /** Features `[N_t, F_t]`; widths may differ between types. */
  x?: tf.Tensor2D | undefined;
  /** Node-level targets `[N_t, ...]` (int32 class ids, or float32). */
  y?: tf.Tensor | undefined;
  /** bool `[N_t]` split masks. */
  trainMask?: tf.Tensor1D | undefined;
  valMask?: tf.Tensor1D | undefined;
  testMask?: tf.Tensor1D | undefined;
  /** `[N_t]` timestamps (int32, e.g. seconds or days since an epoch; or float32). */
  time?: tf.Tensor1D | undefined;
  /** Needed for a type without tensors; otherwise their row count (else the largest index + 1 of its edges). */
  numNodes?: number | undefined;
  numClasses?: number | undefined;
}

/** The fields of one edge type. Every tensor but `edgeIndex` has one row per edge. */
export interface EdgeStoreInit<N extends string = string> {
  /** `[srcType, relation, dstType]`, or the key `'src__rel__dst'`. */
  type: EdgeTypeLike<N>;
  /**
   * int32 `[2, E]`: row 0 indexes the SOURCE type's nodes, row 1 the
   * DESTINATION type's; or the two rows as arrays (numbers, or int64 ids as
   * `BigInt64Array`/`bigint[]` that fit int32). With `layout: 'pairs'`, an
   * `[E, 2]` tensor or `[source, target]` pairs (see `Graph`'s `edgeIndex`).
   */
  edgeIndex: tf.Tensor2D | readonly IndexRow[];
  /** How `edgeIndex` is laid out: `'coo-rows'` (default) or `'pairs'`. Only E = 2 is ambiguous, so it is never guessed. */
  layout?: EdgeIndexLayout | undefined;
  /** Edge features `[E, ...]`. */
  edgeAttr?: tf.Tensor | undefined;
  /** Scalar edge weights `[E]`. */
  edgeWeight?: tf.Tensor1D | undefined;
  /** `[E]` timestamps (int32 or float32). */
  edgeTime?: tf.Tensor1D | undefined;
}

/**
 * The fields of a {@link HeteroGraph}. Node types are the keys of `nodes`, in
 * insertion order (JavaScript puts integer-like keys such as `'0'` first);
 * edge types follow the order of `edges`. That order is `metadata()`'s.
 */
export interface HeteroGraphInit<N extends string = string> {
  nodes: { readonly [K in N]: NodeStoreInit };
  /** One store per edge type; both of its node types must be keys of `nodes`. */
  edges?: readonly EdgeStoreInit<NoInfer<N>>[] | undefined;
  /** Graph-level target: a scalar or one row `[1, ...]`. */
  y?: tf.Tensor | undefined;
}

/** A node type's store, as a graph holds it (frozen). */
export interface NodeStore<N extends string = string> {
  readonly type: N;
  readonly numNodes: number;
  /** Columns of `x` (0 without `x`). */
  readonly numFeatures: number;
  readonly x: tf.Tensor2D | undefined;
  readonly y: tf.Tensor | undefined;
  readonly trainMask: tf.Tensor1D | undefined;
  readonly valMask: tf.Tensor1D | undefined;
  readonly testMask: tf.Tensor1D | undefined;
  readonly time: tf.Tensor1D | undefined;
  readonly numClasses: number | undefined;
}

/** An edge type's store, as a graph holds it (frozen). */
export interface EdgeStore<N extends string = string> {
  readonly type: EdgeType<N>;
  /** `'src__rel__dst'`. */
  readonly key: EdgeTypeKey<N>;
  readonly edgeIndex: tf.Tensor2D;
  readonly edgeAttr: tf.Tensor | undefined;
  readonly edgeWeight: tf.Tensor1D | undefined;
  readonly edgeTime: tf.Tensor1D | undefined;
  readonly numEdges: number;
  /** Columns of `edgeAttr` (1 for a 1-D `edgeAttr`, 0 without). */
  readonly numEdgeFeatures: number;
  /** `[numNodes(src), numNodes(dst)]` (PyG's `size()`). */
  readonly size: readonly [number, number];
  /** Source and destination types differ (PyG's `is_bipartite()`). */
  readonly isBipartite: boolean;
}

/** Node-level tensor fields, in the order `toString` prints them. */
export const NODE_TENSOR_FIELDS = ['x', 'y', 'trainMask', 'valMask', 'testMask', 'time'] as const;
export type NodeTensorField = (typeof NODE_TENSOR_FIELDS)[number];

/** Edge-level tensor fields other than `edgeIndex`. */
export const EDGE_TENSOR_FIELDS = ['edgeAttr', 'edgeWeight', 'edgeTime'] as const;
export type EdgeTensorField = (typeof EDGE_TENSOR_FIELDS)[number];

/** The tensors of a node store, by field. */
export function nodeStoreTensors(store: NodeStore): Partial<Record<NodeTensorField, tf.Tensor>> {
  const out: Partial<Record<NodeTensorField, tf.Tensor>> = {};
  for (const field of NODE_TENSOR_FIELDS) {
    const t = store[field];
    if (t !== undefined) out[field] = t;
  }
  return out;
}

/** The tensors of an edge store, by field (`edgeIndex` first). */
export function edgeStoreTensors(store: EdgeStore): Partial<Record<'edgeIndex' | EdgeTensorField, tf.Tensor>> {
  const out: Partial<Record<'edgeIndex' | EdgeTensorField, tf.Tensor>> = { edgeIndex: store.edgeIndex };
  for (const field of EDGE_TENSOR_FIELDS) {
    const t = store[field];
    if (t !== undefined) out[field] = t;
  }
  return out;
}
