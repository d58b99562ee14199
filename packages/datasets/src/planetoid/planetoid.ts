/**
 * The PyG-like entry point: `Planetoid.load('Cora')` → a `Graph`.
 */
import { requireGraphFields, type GraphWith } from '@gnnjs/core';
import { buildGraph } from '../graph/build_graph.js';
import { applyTransform, type TransformLike } from '../transforms/transform.js';
import { loadPlanetoidData, type PlanetoidDataOptions } from './load_data.js';
import type { PlanetoidData } from './planetoid_data.js';

/** Options of {@link Planetoid.load}. */
export interface PlanetoidOptions extends PlanetoidDataOptions {
  /**
   * Applied to the graph before it is returned (the untransformed graph is
   * disposed); it must keep `x`, `y`, the masks and `numClasses`.
   */
  readonly transform?: TransformLike | undefined;
}

/** The fields a Planetoid graph has (and a transform passed to `load` must keep). */
const PLANETOID_FIELDS = ['x', 'y', 'trainMask', 'valMask', 'testMask', 'numClasses'] as const;

/**
 * What `Planetoid.load` returns: a `Graph` with features `x` `[N, F]`, int32
 * labels `y`, the public split's boolean masks and `numClasses`, all present.
 */
export type PlanetoidGraph = GraphWith<(typeof PLANETOID_FIELDS)[number]>;

/** A `PlanetoidData` as a `Graph` (x float32 `[N, F]`, edgeIndex int32 `[2, E]`, y int32, bool masks). */
export function planetoidToGraph(data: PlanetoidData): PlanetoidGraph {
  return requireGraphFields(buildGraph({ ...data, numFeatures: data.numFeatures }), PLANETOID_FIELDS);
}

/**
 * The citation networks Cora, CiteSeer and PubMed (PyG's `Planetoid`).
 *
 * @example
 * ```ts
 * import { Planetoid, NormalizeFeatures } from '@gnnjs/datasets';
 * const cora = await Planetoid.load('Cora', { transform: new NormalizeFeatures() });
 * cora.numNodes; // 2708
 * cora.numClasses; // 7 (a number: the type says the field is there)
 * cora.x.shape; // [2708, 1433]
 * ```
 */
export const Planetoid = {
  /**
   * Downloads (or reads from the cache or a mirror), verifies, parses and
   * splits a dataset; names are case-insensitive.
   */
  async load(name: string, options: PlanetoidOptions = {}): Promise<PlanetoidGraph> {
    const graph = applyTransform(options.transform, planetoidToGraph(await loadPlanetoidData(name, options)));
    try {
      return requireGraphFields(graph, PLANETOID_FIELDS);
    } catch (error) {
      graph.dispose();
      throw error;
    }
  },
  /** Like `load`, but returns plain typed arrays (no tensors). */
  loadData: loadPlanetoidData,
} as const;
