/**
 * The two interfaces samplers read through, as PyG's remote backends
 * (`torch_geometric.data.GraphStore` and `FeatureStore`): edges by edge type
 * in a destination-sorted layout, and node/edge features by type, attribute
 * and row. The data behind them can live anywhere (typed arrays here, a file,
 * DuckDB, a graph database) without the loaders changing.
 */
import { GnnError } from '../../errors.js';
import type { EdgeType, EdgeTypeLike } from '../hetero_types.js';

/** Timestamps: int32 or float32 as the graph stores them (float64 for exact int or float times from elsewhere). */
export type TimeArray = Int32Array | Float32Array | Float64Array;

/**
 * The in-edges of every destination node of one edge type, compressed by
 * destination (PyG's CSC, the `adj_t` rows of {@link CSR}): the edges into
 * node `v` are entries `colptr[v] .. colptr[v+1]-1`, entry `k` comes from
 * source node `row[k]` and is edge `edgeId[k]` of the edge type's `edgeIndex`.
 * Within a column, entries keep `edgeIndex` order, or are sorted by `time`
 * when the store is temporal. The arrays may be `SharedArrayBuffer`-backed
 * and are shared: treat them as read-only.
 */
export interface CscAdjacency {
  /** `numDst + 1` offsets. */
  readonly colptr: Int32Array;
  /** Source node of each entry. */
  readonly row: Int32Array;
  /** Position of each entry's edge in the edge type's `edgeIndex` (PyG's `perm`). */
  readonly edgeId: Int32Array;
  /**
   * Temporal stores only: the time the sampler compares with a seed's time,
   * per entry: the source node's time (node-level) or the edge's (edge-level).
   * Entries of each column are sorted by it, ascending (ties in edge order).
   */
  readonly time?: TimeArray;
  readonly numSrc: number;
  readonly numDst: number;
}

/** Where a temporal store's times come from: node times (`'time'`) or edge times (`'edgeTime'`). */
export type TimeAttr = 'time' | 'edgeTime';

/**
 * Edges by edge type, as PyG's `GraphStore`. Homogeneous stores have one node
 * type {@link HOMOGENEOUS_NODE_TYPE} and one edge type {@link HOMOGENEOUS_EDGE_TYPE}.
 */
export interface GraphStore<N extends string = string> {
  /** `'homogeneous'`: built from a `Graph`, sampled batches are `Graph`s; else `HeteroGraph`s. */
  readonly kind: 'homogeneous' | 'heterogeneous';
  readonly nodeTypes: readonly N[];
  readonly edgeTypes: readonly EdgeType<N>[];
  /** Set when the store was built for temporal sampling: columns are sorted by time. */
  readonly timeAttr: TimeAttr | undefined;
  numNodes(type: N): number;
  /** The destination-sorted adjacency of an edge type. */
  csc(type: EdgeTypeLike<N>): CscAdjacency;
  /** Node times of a type (node-level temporal stores), for seed times. */
  nodeTime(type: N): TimeArray | undefined;
}

/** The node type of homogeneous stores (PyG uses `None`). */
export const HOMOGENEOUS_NODE_TYPE = 'node';
/** The edge type of homogeneous stores. */
export const HOMOGENEOUS_EDGE_TYPE: EdgeType<'node'> = Object.freeze(['node', 'to', 'node'] as const);

/** Element types of features. */
export type FeatureDtype = 'float32' | 'int32' | 'bool';

/** Host rows of one attribute: `shape[0]` rows of `shape.slice(1)` values each, row-major. */
export interface FeatureArray {
  readonly values: Float32Array | Int32Array | Uint8Array;
  readonly shape: readonly number[];
  readonly dtype: FeatureDtype;
}

/**
 * One attribute of one group: a node type (`'account'`) or an edge type key
 * (`'account__pays__merchant'`), and the field name of `Graph`/`HeteroGraph`:
 * node groups have `x`, `y`, `trainMask`, `valMask`, `testMask`, `time`;
 * edge groups `edgeAttr`, `edgeWeight`, `edgeTime`.
 */
export interface FeatureAttr {
  readonly group: string;
  readonly attr: string;
  readonly dtype: FeatureDtype;
  /** `[rows, ...trailing]` of the whole attribute. */
  readonly shape: readonly number[];
  /** For `y`: the number of classes, when known. */
  readonly numClasses?: number | undefined;
}

/** What {@link FeatureStore.get} reads: rows `index` (every row when left out) of an attribute. */
export interface FeatureQuery {
  readonly group: string;
  readonly attr: string;
  readonly index?: Int32Array | undefined;
}

/**
 * Node and edge features by group, attribute and row, as PyG's
 * `FeatureStore`. Reads are async so that a store may fetch from a database
 * or over the network; rows come back in the order of `index`.
 */
export interface FeatureStore {
  /** Every attribute the store holds. */
  attrs(): readonly FeatureAttr[];
  get(query: FeatureQuery): Promise<FeatureArray>;
}

/** A graph or feature store was asked for something it cannot hold or does not have. */
export class StoreError extends GnnError {
  override readonly name: string = 'StoreError';
  /** The argument or store field at fault. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
