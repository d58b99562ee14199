export {
  HOMOGENEOUS_EDGE_TYPE,
  HOMOGENEOUS_NODE_TYPE,
  StoreError,
  type CscAdjacency,
  type FeatureArray,
  type FeatureAttr,
  type FeatureDtype,
  type FeatureQuery,
  type FeatureStore,
  type GraphStore,
  type TimeArray,
  type TimeAttr,
} from './types.js';
export {
  DEFAULT_MAX_STORE_BYTES,
  InMemoryGraphStore,
  type GraphStoreArrays,
  type InMemoryGraphStoreOptions,
  type StoreEdgeArrays,
} from './in_memory_graph_store.js';
export { InMemoryFeatureStore, gatherFeatureRows, rowWidth, toFeatureArray, type FeatureEntry } from './in_memory_feature_store.js';
export { allocInt32, buildCsc, cscBytes } from './build_csc.js';
