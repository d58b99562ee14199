import * as tf from '@tensorflow/tfjs-core';
import { toUndirected, type Graph } from '@gnnjs/core';
import { withFields } from '../graph/with_fields.js';
import type { Transform } from './transform.js';

/** Options of {@link ToUndirected}. */
export interface ToUndirectedOptions {
  /** How the attributes of an edge and its reverse merge. Default `'sum'` (PyG's `'add'`). */
  readonly reduce?: 'sum' | 'mean' | 'max' | 'min' | undefined;
}

/**
 * Adds the reverse of every edge and coalesces (PyG's `ToUndirected`):
 * edges come out sorted, without duplicates; `edgeWeight` and `edgeAttr`
 * merge with `reduce`.
 *
 * @example
 * ```ts
 * const undirected = new ToUndirected().apply(graph);
 * ```
 */
export class ToUndirected implements Transform {
  readonly reduce: 'sum' | 'mean' | 'max' | 'min';
  constructor(options: ToUndirectedOptions = {}) {
    this.reduce = options.reduce ?? 'sum';
  }
  apply(graph: Graph): Graph {
    const numNodes = graph.numNodes;
    const reduce = this.reduce;
    const { edgeIndex, edgeWeight, edgeAttr } = tf.tidy(() => {
      const plain = toUndirected(graph.edgeIndex, { numNodes });
      const weight = graph.edgeWeight && toUndirected(graph.edgeIndex, { numNodes, reduce, edgeAttr: graph.edgeWeight }).edgeAttr;
      const attr = graph.edgeAttr && toUndirected(graph.edgeIndex, { numNodes, reduce, edgeAttr: graph.edgeAttr }).edgeAttr;
      return { edgeIndex: plain.edgeIndex, edgeWeight: weight, edgeAttr: attr };
    });
    return withFields(graph, { edgeIndex, edgeWeight, edgeAttr });
  }
  toString(): string {
    return 'ToUndirected()';
  }
}
