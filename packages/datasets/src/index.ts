/**
 * @gnnjs/datasets: Planetoid (Cora, CiteSeer, PubMed), KarateClub, synthetic
 * graphs and transforms for GNN.js.
 *
 * Browser-safe: Node's file system is only reached through a dynamic
 * `import()` when a loader runs under Node (cache and mirror folders).
 */
export { DatasetError } from './errors.js';
export type { DownloadProgress, ProgressCallback } from './download/progress.js';
export type { RawFileChecksum } from './download/acquire.js';
export { PLANETOID_CHECKSUMS } from './planetoid/checksums.js';
export { canonicalPlanetoidName, rawFileName, PLANETOID_PARTS, type PlanetoidName, type PlanetoidPart } from './planetoid/names.js';
export type { PlanetoidData } from './planetoid/planetoid_data.js';
export { parsePlanetoidFiles } from './planetoid/parse.js';
export { applyPlanetoidSplit, type PlanetoidSplit, type PlanetoidSplitOptions } from './planetoid/split.js';
export { loadPlanetoidData, PLANETOID_URL, type PlanetoidDataOptions } from './planetoid/load_data.js';
export { readPickle } from './pickle/index.js';
