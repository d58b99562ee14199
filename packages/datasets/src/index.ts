/**
 * @gnnjs/datasets: Planetoid (Cora, CiteSeer, PubMed), KarateClub, synthetic
 * graphs, the synthetic PaymentsFraud database and transforms for GNN.js.
 *
 * Browser-safe: Node's file system is only reached through a dynamic
 * `import()` when a loader runs under Node (cache and mirror folders).
 */
export { DatasetError, DownloadTimeoutError, MissingPackageError, type DownloadTimeoutKind } from './errors.js';

// Planetoid
export { Planetoid, planetoidToGraph, type PlanetoidGraph, type PlanetoidOptions } from './planetoid/planetoid.js';
export { loadPlanetoidData, PLANETOID_URL, type PlanetoidDataOptions } from './planetoid/load_data.js';
export type { PlanetoidData } from './planetoid/planetoid_data.js';
export { parsePlanetoidFiles } from './planetoid/parse.js';
export { applyPlanetoidSplit, type PlanetoidSplit, type PlanetoidSplitOptions } from './planetoid/split.js';
export { PLANETOID_CHECKSUMS } from './planetoid/checksums.js';
export { canonicalPlanetoidName, rawFileName, PLANETOID_PARTS, type PlanetoidName, type PlanetoidPart } from './planetoid/names.js';
export type { DownloadProgress, ProgressCallback } from './download/progress.js';
export type { DatasetWarning, DatasetWarningCode, WarningCallback } from './download/warnings.js';
export type { RawFileChecksum } from './download/acquire.js';
export { DEFAULT_DOWNLOAD_TIMEOUTS, type DownloadTimeouts } from './download/http.js';
export { MIRROR_ENV, DATA_ROOT_ENV } from './download/env.js';

// KarateClub
export { KarateClub, type KarateClubGraph, type KarateClubOptions } from './karate/karate_club.js';

// Synthetic graphs
export { erdosRenyiGraph, erdosRenyiEdges, type ErdosRenyiOptions } from './synthetic/erdos_renyi.js';
export { barabasiAlbertGraph, barabasiAlbertEdges, type BarabasiAlbertOptions } from './synthetic/barabasi_albert.js';
export {
  stochasticBlockModel,
  stochasticBlockModelData,
  type StochasticBlockModelOptions,
  type StochasticBlockModelData,
} from './synthetic/stochastic_block_model.js';
export { randomGraph, randomEdges, type RandomGraphOptions } from './synthetic/random_graph.js';
export { pathPairDistance, pathPairLayouts, type PathPairDistanceOptions, type PathPairLayout } from './synthetic/path_pair_distance.js';
export {
  heteroStochasticBlockModel,
  heteroStochasticBlockModelData,
  type HeteroSBMNodeOptions,
  type HeteroSBMRelationOptions,
  type HeteroStochasticBlockModelData,
  type HeteroStochasticBlockModelOptions,
} from './synthetic/hetero_stochastic_block_model.js';

// PaymentsFraud: the synthetic payments database (generator, schemas, tasks); files and loading: '@gnnjs/datasets/node'
export * from './payments/index.js';

// Transforms
export { Compose, applyTransform, type Transform, type TransformLike } from './transforms/transform.js';
export { NormalizeFeatures } from './transforms/normalize_features.js';
export { AddSelfLoops, type AddSelfLoopsOptions } from './transforms/add_self_loops.js';
export { ToUndirected, type ToUndirectedOptions } from './transforms/to_undirected.js';
export { GCNNorm, type GCNNormOptions } from './transforms/gcn_norm.js';
export { RandomNodeSplit, type RandomNodeSplitOptions } from './transforms/random_node_split.js';
export { AddRandomWalkPE, type AddRandomWalkPEOptions } from './transforms/add_random_walk_pe.js';
export { AddLaplacianEigenvectorPE, type AddLaplacianEigenvectorPEOptions } from './transforms/add_laplacian_eigenvector_pe.js';
export type { PositionalEncodingTarget } from './transforms/positional_encoding_target.js';

// Transforms of heterogeneous graphs (@gnnjs/core's HeteroGraph)
export { HeteroCompose, type HeteroTransform } from './transforms/hetero_transform.js';
export { HeteroToUndirected, type HeteroToUndirectedOptions } from './transforms/hetero_to_undirected.js';
export { HeteroAddSelfLoops, type HeteroAddSelfLoopsOptions } from './transforms/hetero_add_self_loops.js';
export { HeteroNormalizeFeatures } from './transforms/hetero_normalize_features.js';
export { HeteroRandomNodeSplit, type HeteroRandomNodeSplitOptions } from './transforms/hetero_random_node_split.js';
