import type { HeteroGraph, NodeStoreChanges } from '@gnnjs/core';
import { normalizedFeatures } from './normalize_features.js';
import type { HeteroTransform } from './hetero_transform.js';

/**
 * PyG 2.6's `NormalizeFeatures` per node type: the `x` of each type that has
 * features becomes `x − min(x)` (the minimum over that type's `x`), each row
 * divided by `max(rowSum, 1)`. Types without `x` are left alone.
 *
 * @example
 * ```ts
 * const normalised = new HeteroNormalizeFeatures().apply(g); // rows of every x sum to 1 (or 0)
 * ```
 */
export class HeteroNormalizeFeatures implements HeteroTransform {
  apply<N extends string>(graph: HeteroGraph<N>): HeteroGraph<N> {
    const nodes: Partial<Record<N, NodeStoreChanges>> = {};
    for (const store of graph.nodeStores()) {
      if (store.x !== undefined && store.x.size > 0) nodes[store.type] = { x: normalizedFeatures(store.x) };
    }
    return graph.with({ nodes: nodes as { [K in N]?: NodeStoreChanges } }, { validate: false });
  }

  toString(): string {
    return 'HeteroNormalizeFeatures()';
  }
}
