import * as tf from '@tensorflow/tfjs-core';
import { addSelfLoops, type Graph } from '@gnnjs/core';
import { withFields } from '../graph/with_fields.js';
import type { Transform } from './transform.js';

/** Options of {@link AddSelfLoops}. */
export interface AddSelfLoopsOptions {
  /** Weight (and attribute value) of the new loops. Default 1. */
  readonly fillValue?: number | undefined;
}

/**
 * Appends a self-loop to every node after the existing edges (PyG's
 * `AddSelfLoops`: existing loops are kept). `edgeWeight` and `edgeAttr`, when
 * present, get `fillValue` for the new loops.
 *
 * @example
 * ```ts
 * const looped = new AddSelfLoops().apply(graph); // numEdges grows by numNodes
 * ```
 */
export class AddSelfLoops implements Transform {
  readonly fillValue: number;
  constructor(options: AddSelfLoopsOptions = {}) {
    this.fillValue = options.fillValue ?? 1;
  }
  apply(graph: Graph): Graph {
    const numNodes = graph.numNodes;
    const fillValue = this.fillValue;
    const { edgeIndex, edgeWeight, edgeAttr } = tf.tidy(() => {
      const loops = addSelfLoops(graph.edgeIndex, { numNodes });
      const weight = graph.edgeWeight && addSelfLoops(graph.edgeIndex, { numNodes, edgeAttr: graph.edgeWeight, fillValue }).edgeAttr;
      const attr = graph.edgeAttr && addSelfLoops(graph.edgeIndex, { numNodes, edgeAttr: graph.edgeAttr, fillValue }).edgeAttr;
      return { edgeIndex: loops.edgeIndex, edgeWeight: weight, edgeAttr: attr };
    });
    return withFields(graph, { edgeIndex, edgeWeight, edgeAttr });
  }
  toString(): string {
    return 'AddSelfLoops()';
  }
}
