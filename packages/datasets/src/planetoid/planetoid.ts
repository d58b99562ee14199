/**
 * The PyG-like entry point: `Planetoid.load('Cora')` → a `Graph`.
 */
import type { Graph } from '@gnnjs/core';
import { buildGraph } from '../graph/build_graph.js';
import { applyTransform, type TransformLike } from '../transforms/transform.js';
import { loadPlanetoidData, type PlanetoidDataOptions } from './load_data.js';
import type { PlanetoidData } from './planetoid_data.js';

/** Options of {@link Planetoid.load}. */
export interface PlanetoidOptions extends PlanetoidDataOptions {
  /** Applied to the graph before it is returned (the untransformed graph is disposed). */
  readonly transform?: TransformLike | undefined;
}

/** A `PlanetoidData` as a `Graph` (x float32 `[N, F]`, edgeIndex int32 `[2, E]`, y int32, bool masks). */
export function planetoidToGraph(data: PlanetoidData): Graph {
  return buildGraph({ ...data, numFeatures: data.numFeatures });
}

/**
 * The citation networks Cora, CiteSeer and PubMed (PyG's `Planetoid`).
 *
 * @example
 * ```ts
 * import { Planetoid, NormalizeFeatures } from '@gnnjs/datasets';
 * const cora = await Planetoid.load('Cora', { transform: new NormalizeFeatures() });
 * cora.numNodes; // 2708
 * cora.numClasses; // 7
 * ```
 */
export const Planetoid = {
  /**
   * Downloads (or reads from the cache or a mirror), verifies, parses and
   * splits a dataset; names are case-insensitive.
   */
  async load(name: string, options: PlanetoidOptions = {}): Promise<Graph> {
    const graph = planetoidToGraph(await loadPlanetoidData(name, options));
    return applyTransform(options.transform, graph);
  },
  /** Like `load`, but returns plain typed arrays (no tensors). */
  loadData: loadPlanetoidData,
} as const;
