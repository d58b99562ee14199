import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { mulberry32, nextSeed } from '../random.js';
import { makeEdgeIndex, readEdgeIndex } from './edge_index_arrays.js';

/** Options of {@link dropoutEdge}. */
export interface DropoutEdgeOptions {
  /** Probability of dropping an edge. Default 0.5. */
  p?: number | undefined;
  /** Drop `i → j` and `j → i` together: keeps edges with `row <= col`, then adds their reverses. */
  forceUndirected?: boolean | undefined;
  /** When false, nothing is dropped. Default true. */
  training?: boolean | undefined;
  /** Seed of this call; defaults to the global stream of `manualSeed`. */
  seed?: number | undefined;
}

/** Result of {@link dropoutEdge}. */
export interface DropoutEdgeResult {
  /** The kept edges, int32 `[2, E']`. */
  edgeIndex: tf.Tensor2D;
  /** bool `[E]`: which input edges were kept. */
  edgeMask: tf.Tensor1D;
  /**
   * int32 `[E']`: the input edge each output edge comes from (with
   * `forceUndirected`, PyG returns this as its `edge_mask`).
   */
  edgeId: tf.Tensor1D;
}

/**
 * Drops each edge with probability `p` (PyG's `dropout_edge`). Returns the
 * kept edges and masks; index bookkeeping only, so nothing here needs gradients
 * (apply `edgeId` to edge attributes with `gatherRows`).
 *
 * @example
 * ```ts
 * const { edgeIndex, edgeId } = dropoutEdge(graph.edgeIndex, { p: 0.2, training: model.training });
 * const w = gatherRows(edgeWeight, edgeId);
 * ```
 */
export function dropoutEdge(edgeIndex: tf.Tensor2D, options: DropoutEdgeOptions = {}): DropoutEdgeResult {
  const { p = 0.5, forceUndirected = false, training = true } = options;
  if (!(p >= 0 && p <= 1)) throw new ShapeError('p', `dropoutEdge expects a probability in [0, 1], got ${p}`);
  const edges = readEdgeIndex(edgeIndex, 'dropoutEdge');
  const { row, col, numEdges } = edges;
  const mask = new Uint8Array(numEdges).fill(1);
  if (training && p > 0) {
    const uniform = mulberry32(options.seed ?? nextSeed() ?? Math.floor(Math.random() * 2 ** 31));
    for (let e = 0; e < numEdges; e++) mask[e] = uniform() >= p ? 1 : 0;
    if (forceUndirected) for (let e = 0; e < numEdges; e++) if (row[e]! > col[e]!) mask[e] = 0;
  }
  const kept: number[] = [];
  for (let e = 0; e < numEdges; e++) if (mask[e]) kept.push(e);
  const ids = training && p > 0 && forceUndirected ? [...kept, ...kept] : kept;
  const half = kept.length;
  const outRow = ids.map((e, k) => (k < half ? row[e]! : col[e]!));
  const outCol = ids.map((e, k) => (k < half ? col[e]! : row[e]!));
  return {
    edgeIndex: makeEdgeIndex(outRow, outCol),
    edgeMask: tf.tensor1d(mask, 'bool'),
    edgeId: tf.tensor1d(ids, 'int32'),
  };
}
