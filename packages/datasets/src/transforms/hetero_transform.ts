import type { HeteroGraph } from '@gnnjs/core';

/**
 * A transform of heterogeneous graphs (PyG's `BaseTransform` on `HeteroData`):
 * `apply` returns a NEW graph with the same node types and leaves the input
 * intact (the caller still owns and disposes it).
 */
export interface HeteroTransform {
  apply<N extends string>(graph: HeteroGraph<N>): HeteroGraph<N>;
  toString(): string;
}

/**
 * Chains heterogeneous transforms (PyG's `Compose`); the graphs between steps are disposed.
 *
 * @example
 * ```ts
 * const t = new HeteroCompose([new HeteroToUndirected(), new HeteroNormalizeFeatures()]);
 * const out = t.apply(graph); // graph is untouched
 * ```
 */
export class HeteroCompose implements HeteroTransform {
  readonly transforms: readonly HeteroTransform[];
  constructor(transforms: readonly HeteroTransform[]) {
    this.transforms = [...transforms];
  }
  apply<N extends string>(graph: HeteroGraph<N>): HeteroGraph<N> {
    let current = graph;
    try {
      for (const transform of this.transforms) {
        const next = transform.apply(current);
        if (current !== graph && next !== current) current.dispose();
        current = next;
      }
    } catch (error) {
      if (current !== graph) current.dispose();
      throw error;
    }
    return current;
  }
  toString(): string {
    return `HeteroCompose([${this.transforms.map((t) => t.toString()).join(', ')}])`;
  }
}
