/**
 * `@gnnjs/sampling/node`: what needs Node. `FileGraphStore` builds a graph
 * store from edge chunks without tensors and keeps it in a file; loaders
 * imported from here sample in `worker_threads` when given `numWorkers`.
 */
import { setDefaultWorkerSpawner } from './worker/share.js';
import { nodeWorkerSpawner } from './node/worker_threads.js';

setDefaultWorkerSpawner(nodeWorkerSpawner());

export * from './index.js';
export { FileGraphStore, type EdgeChunkSource, type FileGraphStoreInput } from './node/file_graph_store.js';
export { liveSamplerWorkers, nodeWorkerSpawner } from './node/worker_threads.js';
