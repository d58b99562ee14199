/**
 * `@gnnjs/sampling/node`: what needs Node's file system. `FileGraphStore`
 * builds a graph store from edge chunks without tensors and keeps it in a file.
 */
export * from './index.js';
export { FileGraphStore, type EdgeChunkSource, type FileGraphStoreInput } from './node/file_graph_store.js';
