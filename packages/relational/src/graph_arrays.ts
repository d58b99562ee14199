/**
 * The loader's output: a heterogeneous graph as plain typed arrays, one node
 * type per table and one edge type per foreign key (plus its reverse). It is
 * what `toHeteroGraph` turns into tensors, and what a sampler or a feature
 * store can read without tfjs.
 */
import type { RelationalWarning } from './database/warnings.js';
import type { TaskType } from './schema/types.js';

/** How one source column became features (for reading a model's inputs back). */
export type EncodedColumn =
  | { column: string; encoder: 'numeric'; mean: number; std: number; features: readonly string[] }
  | { column: string; encoder: 'boolean'; features: readonly string[] }
  | { column: string; encoder: 'onehot'; categories: readonly string[]; features: readonly string[] }
  | { column: string; encoder: 'embedding'; cardinality: number; categoricalIndex: number }
  | { column: string; encoder: 'timestamp'; features: readonly string[] }
  | { column: string; encoder: 'hash'; dims: number; features: readonly string[] };

export interface NodeTypeArrays {
  numNodes: number;
  /** Row-major `[numNodes, featureNames.length]` features. */
  x: Float32Array;
  featureNames: readonly string[];
  /** Row-major `[numNodes, categoricalNames.length]` category indices for embeddings; 0 is "unknown". */
  categorical: Int32Array;
  categoricalNames: readonly string[];
  /** Embedding table size of each categorical column (unknown slot included). */
  cardinalities: readonly number[];
  /** Epoch milliseconds of each node's row (tables with a time column). */
  time?: Float64Array;
  /** The primary key of each node id, when the key is numeric (exact up to 2^53). */
  key?: Float64Array;
  /** Labels (target table only): 0/1 or a value as float32, NaN when unknown; class index as int32, -1 when unknown. */
  y?: Float32Array | Int32Array;
  encoders: readonly EncodedColumn[];
}

export interface EdgeTypeArrays {
  /** `[source node type, relation, destination node type]`; relation = foreign key column, or `rev_` + it. */
  type: readonly [string, string, string];
  numEdges: number;
  /** Source node ids (of `type[0]`); a reverse edge type shares its forward type's arrays, swapped. */
  src: Int32Array;
  /** Destination node ids (of `type[2]`). */
  dst: Int32Array;
  /** Epoch milliseconds from which the edge exists: the later of its two rows' times (tables with a time column). */
  time?: Float64Array;
}

export interface TargetInfo {
  table: string;
  column: string;
  task: TaskType;
  /** Classes of a multiclass target, by index (from the training rows). */
  classes?: readonly string[];
}

export interface RelationalGraphArrays {
  nodes: Record<string, NodeTypeArrays>;
  edges: EdgeTypeArrays[];
  target?: TargetInfo;
  /** Epoch ms at which rows of tables without a time column are seen (their timestamp ages are relative to it). */
  referenceTime: number;
  /** Rows of tables with a time column after this are invisible: no features, labels or edges (a split's cut-off). */
  cutoff?: number;
  warnings: readonly RelationalWarning[];
}

/**
 * `'src__rel__dst'`: the edge type's key, as PyG prints it.
 *
 * @example
 * ```ts
 * edgeTypeKey(['transactions', 'account_id', 'accounts']); // 'transactions__account_id__accounts'
 * ```
 */
export function edgeTypeKey(type: readonly [string, string, string]): string {
  return type.join('__');
}
