import { GraphValidationError, gcnNorm, type Graph } from '@gnnjs/core';
import { withFields } from '../graph/with_fields.js';
import type { Transform } from './transform.js';

/** Options of {@link GCNNorm}. */
export interface GCNNormOptions {
  /** Add the missing self-loops first (default true, as PyG). */
  readonly addSelfLoops?: boolean | undefined;
}

/**
 * Precomputes GCN's normalisation `D^-1/2 (A + I) D^-1/2` into `edgeWeight`
 * (PyG's `GCNNorm`, via `@gnnjs/core`'s `gcnNorm`). A graph with `edgeAttr`
 * is refused when loops are added, since its rows would no longer match the edges.
 *
 * @example
 * ```ts
 * const normed = new GCNNorm().apply(graph); // normed.edgeWeight: [E + missing loops]
 * ```
 */
export class GCNNorm implements Transform {
  readonly addSelfLoops: boolean;
  constructor(options: GCNNormOptions = {}) {
    this.addSelfLoops = options.addSelfLoops ?? true;
  }
  apply(graph: Graph): Graph {
    if (this.addSelfLoops && graph.edgeAttr !== undefined) {
      throw new GraphValidationError('edgeAttr', 'GCNNorm with addSelfLoops cannot extend edgeAttr; drop it or pass addSelfLoops: false');
    }
    const { edgeIndex, edgeWeight } = gcnNorm(graph.edgeIndex, {
      edgeWeight: graph.edgeWeight,
      numNodes: graph.numNodes,
      addSelfLoops: this.addSelfLoops,
    });
    return withFields(graph, { edgeIndex, edgeWeight });
  }
  toString(): string {
    return `GCNNorm(addSelfLoops=${this.addSelfLoops})`;
  }
}
