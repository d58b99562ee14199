import type * as tf from '@tensorflow/tfjs-core';
import { laplacianEigenvectorPE, type Graph } from '@gnnjs/core';
import { checkTarget, withEncoding, type PositionalEncodingTarget } from './positional_encoding_target.js';
import type { Transform } from './transform.js';

/** Options of {@link AddLaplacianEigenvectorPE}. */
export interface AddLaplacianEigenvectorPEOptions {
  /** Number of non-trivial eigenvectors `k` (columns), `k < numNodes`. */
  readonly k: number;
  /** Where the encoding goes: `'x'` (default), appended as the last `k` columns of the features. */
  readonly attrName?: PositionalEncodingTarget | undefined;
  /** PyG's `is_undirected`: skip the symmetry check of the Laplacian (default `false`: checked; a directed graph is refused). */
  readonly isUndirected?: boolean | undefined;
}

/**
 * PyG's `AddLaplacianEigenvectorPE` (Dwivedi et al., 2020): the eigenvectors
 * of the 2nd … (k+1)-th smallest eigenvalues of the normalised Laplacian
 * `L = I − D^-1/2 A D^-1/2` (self-loops removed), in float64 (core's
 * `laplacianEigenvectorPE`: dense Householder + QL up to 256 nodes, a sparse
 * Krylov solver above). Appended to `x` (PyG's `attr_name=None`).
 *
 * **Signs.** An eigenvector is defined up to sign, and PyG flips each column
 * at random (as a training-time augmentation). Here the sign is
 * deterministic: in each column, the first entry of largest magnitude is
 * positive; flip columns yourself for augmentation.
 *
 * @example
 * ```ts
 * const withPE = new AddLaplacianEigenvectorPE({ k: 8, isUndirected: true }).apply(graph); // x gains 8 columns
 * ```
 */
export class AddLaplacianEigenvectorPE implements Transform {
  readonly k: number;
  readonly attrName: PositionalEncodingTarget;
  readonly isUndirected: boolean;
  constructor(options: AddLaplacianEigenvectorPEOptions) {
    this.k = options.k;
    this.attrName = checkTarget(options.attrName ?? 'x', 'AddLaplacianEigenvectorPE');
    this.isUndirected = options.isUndirected ?? false;
  }
  /** The encoding alone, `[N, k]` (the caller owns it). */
  encode(graph: Graph): tf.Tensor2D {
    const options = { k: this.k, numNodes: graph.numNodes, edgeWeight: graph.edgeWeight, isUndirected: this.isUndirected };
    return laplacianEigenvectorPE(graph.edgeIndex, options).pe;
  }
  apply(graph: Graph): Graph {
    return withEncoding(graph, this.encode(graph));
  }
  toString(): string {
    return `AddLaplacianEigenvectorPE(k=${this.k})`;
  }
}
