import type * as tf from '@tensorflow/tfjs-core';
import { randomWalkPE, type Graph } from '@gnnjs/core';
import { checkTarget, withEncoding, type PositionalEncodingTarget } from './positional_encoding_target.js';
import type { Transform } from './transform.js';

/** Options of {@link AddRandomWalkPE}. */
export interface AddRandomWalkPEOptions {
  /** Number of random-walk steps `K`: the encoding has `K` columns. */
  readonly walkLength: number;
  /** Where the encoding goes: `'x'` (default), appended as the last `K` columns of the features. */
  readonly attrName?: PositionalEncodingTarget | undefined;
}

/**
 * PyG's `AddRandomWalkPE` (Dwivedi et al., 2022): for each node `i`, the
 * probabilities that a random walk of `1 … K` steps from `i` is back at `i`,
 * `(P^k)[i, i]` with `P[i, j] = 1 / max(outdeg(i), 1)` (core's `randomWalkPE`:
 * duplicate edges counted in the degree and written once, `edgeWeight` summed
 * into the degree). Appended to `x` (PyG's `attr_name=None`).
 *
 * @example
 * ```ts
 * const withPE = new AddRandomWalkPE({ walkLength: 16 }).apply(graph); // x gains 16 columns
 * ```
 */
export class AddRandomWalkPE implements Transform {
  readonly walkLength: number;
  readonly attrName: PositionalEncodingTarget;
  constructor(options: AddRandomWalkPEOptions) {
    this.walkLength = options.walkLength;
    this.attrName = checkTarget(options.attrName ?? 'x', 'AddRandomWalkPE');
  }
  /** The encoding alone, `[N, walkLength]` (the caller owns it). */
  encode(graph: Graph): tf.Tensor2D {
    return randomWalkPE(graph.edgeIndex, { walkLength: this.walkLength, numNodes: graph.numNodes, edgeWeight: graph.edgeWeight });
  }
  apply(graph: Graph): Graph {
    return withEncoding(graph, this.encode(graph));
  }
  toString(): string {
    return `AddRandomWalkPE(walk_length=${this.walkLength})`;
  }
}
