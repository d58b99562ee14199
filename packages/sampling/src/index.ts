/**
 * `@gnnjs/sampling`: neighbour-sampled mini-batches with PyG's semantics, in
 * browsers and Node.
 *
 * - `NeighborLoader` (GraphSAGE sampling, per-edge-type fan-outs, temporal
 *   sampling, disjoint, directional / bidirectional / induced subgraphs) and
 *   `LinkNeighborLoader` (binary and triplet negative sampling);
 * - link-prediction data: `negativeSampling`, `randomLinkSplit`;
 * - `layerwiseInference`: exact full-graph evaluation one layer at a time;
 * - the sampler itself, `sampleNeighbors`: a pure function of CSC arrays,
 *   seeds and a random seed, to run in any thread.
 *
 * Samplers read through core's `GraphStore`/`FeatureStore` interfaces. With
 * `numWorkers`, loaders sample in worker threads over shared memory (Web
 * Workers here; `worker_threads` from `@gnnjs/sampling/node`).
 */
export { SamplerWorkerError, SamplingError } from './errors.js';
export {
  sampleNeighbors,
  SamplerScratch,
  type SampleOutput,
  type SampleRequest,
  type SamplerGraph,
  type SubgraphType,
  type TemporalStrategy,
} from './sampler/neighbor_sample.js';
export { toBidirectional } from './sampler/bidirectional.js';
export { resolveNumNeighbors, samplerGraph, type NumNeighbors } from './sampler/options.js';
export { batchSeed, hashSeed, Random } from './sampler/random.js';
export { SampledGraph, SampledHeteroGraph, SampledLinkGraph, type LinkTargets, type SampledGraphMeta, type SampledHeteroMeta } from './loader/sampled_graph.js';
export { NeighborLoader, type HeteroInputNodes, type NeighborLoaderOptions } from './loader/neighbor_loader.js';
export type { BatchOf, LoaderData, NodeSelection, NodeTypeOf } from './loader/data.js';
export type { WorkerOptions } from './loader/runner.js';
export { SamplerPool, DEFAULT_WORKER_TIMEOUT_MS, type SamplerPoolOptions, type SpawnWorker, type WorkerHandle } from './worker/pool.js';
export type { FromWorker, ToWorker, WorkerFault } from './worker/protocol.js';
export { webWorkerSpawner } from './worker/web_worker.js';
export { setDefaultWorkerSpawner, shareGraph } from './worker/share.js';
export { LinkNeighborLoader, type EdgeLabelIndex, type LinkNeighborLoaderOptions, type NegativeSamplingConfig } from './link/link_neighbor_loader.js';
export { negativeSampling, type NegativeSamplingOptions } from './link/negative_sampling.js';
export { randomLinkSplit, type LinkSplit, type RandomLinkSplitOptions } from './link/random_link_split.js';
export type { HeteroLinkSplit, HeteroRandomLinkSplitOptions, LinkLabels } from './link/hetero_link_split.js';
export { layerwiseInference, type InferenceLayer, type LayerwiseInferenceOptions } from './inference.js';
export { trimToLayer, type TrimmedLayer } from './trim.js';
