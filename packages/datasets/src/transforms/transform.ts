import type { Graph } from '@gnnjs/core';

/**
 * A graph transform (PyG's `BaseTransform`): `apply` returns a NEW graph and
 * leaves the input intact (the caller still owns and disposes it).
 */
export interface Transform {
  apply(graph: Graph): Graph;
  toString(): string;
}

/** A transform object or a plain function of a graph. */
export type TransformLike = Transform | ((graph: Graph) => Graph);

/** Runs `transform` on `graph`, which the caller owns and no longer needs: it is disposed unless returned. */
export function applyTransform(transform: TransformLike | undefined, graph: Graph): Graph {
  if (transform === undefined) return graph;
  let out: Graph;
  try {
    out = typeof transform === 'function' ? transform(graph) : transform.apply(graph);
  } catch (error) {
    graph.dispose();
    throw error;
  }
  if (out !== graph) graph.dispose();
  return out;
}

/**
 * Chains transforms (PyG's `Compose`); the graphs between steps are disposed.
 *
 * @example
 * ```ts
 * const t = new Compose([new ToUndirected(), new AddSelfLoops(), new NormalizeFeatures()]);
 * const out = t.apply(graph); // graph is untouched
 * ```
 */
export class Compose implements Transform {
  readonly transforms: readonly TransformLike[];
  constructor(transforms: readonly TransformLike[]) {
    this.transforms = [...transforms];
  }
  apply(graph: Graph): Graph {
    let current = graph;
    try {
      for (const transform of this.transforms) {
        const next = typeof transform === 'function' ? transform(current) : transform.apply(current);
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
    const names = this.transforms.map((t) => (typeof t === 'function' ? t.name || 'function' : t.toString()));
    return `Compose([${names.join(', ')}])`;
  }
}
