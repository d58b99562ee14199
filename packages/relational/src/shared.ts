/** What the Node and browser entries have in common. */
export * from './errors.js';
export type * from './schema/types.js';
export { defineSchema, parseSchema } from './schema/validate.js';
export type { ColumnKind, ScanColumn, SqlEngine, SqlScalar } from './engine/engine.js';
export {
  RelationalDatabase,
  type SplitCutoffs,
  type SplitSnapshot,
  type TableSummary,
  type TemporalSplits,
  type TimeLike,
  type ToGraphOptions,
} from './database/database.js';
export type { OpenOptions } from './database/catalog.js';
export type { RelationalWarning } from './database/warnings.js';
export { edgeTypeKey, type EdgeTypeArrays, type EncodedColumn, type NodeTypeArrays, type RelationalGraphArrays, type TargetInfo } from './graph_arrays.js';
export { toHeteroGraph, secondsFrom, type ToHeteroGraphOptions } from './to_hetero_graph.js';
export { DuckDBFeatureStore, type DuckDBFeatureSource } from './feature_store.js';
