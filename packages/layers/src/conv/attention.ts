import type * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@gnnjs/core';

/** Node features, or `[xSrc, xDst]` for a bipartite graph (edges go from xSrc's nodes to xDst's). */
export type NodeFeatures = tf.Tensor2D | readonly [tf.Tensor2D, tf.Tensor2D];

/**
 * Attention coefficients of one attention layer: `alpha[e, h]` weighs edge
 * `edgeIndex[:, e]` (source → target) in head `h`. `edgeIndex` is the one the
 * layer attended over, i.e. with its self-loops (non-loop edges in input
 * order, then loops `0..N-1`), so `E' = E - loops + N` when self-loops are added.
 */
export type AttentionWeights = {
  /** `[2, E']` int32. */
  edgeIndex: tf.Tensor2D;
  /** `[E', heads]`: softmax over each target's in-edges, before attention dropout. */
  alpha: tf.Tensor2D;
};

/** Options of the attention layers' `forward`. */
export interface AttentionForwardOptions {
  /** Edge features `[E, edgeDim]` (or `[E]` when `edgeDim` is 1); required iff the layer has `edgeDim`. */
  edgeAttr?: tf.Tensor;
  /** Also return the attention coefficients (PyG's `return_attention_weights=True`). */
  returnAttentionWeights?: boolean;
}

/** What `forward(..., { returnAttentionWeights: true })` returns; the caller owns (and disposes) all tensors. */
export type OutputWithAttention = {
  output: tf.Tensor2D;
  attention: AttentionWeights;
};

/** One in-neighbour of a node with its attention, from {@link nodeAttention}. */
export interface NeighbourAttention {
  /** The source node `j`. */
  source: number;
  /** Position of the edge in `attention.edgeIndex`. */
  edge: number;
  /** `alpha_ji` per head. */
  perHead: number[];
  /** Mean of `perHead`. */
  mean: number;
}

/**
 * Lists the in-neighbours of `nodeId` (its self-loop included) with their
 * attention per head and averaged over heads, strongest first.
 *
 * @example
 * ```ts
 * const { output, attention } = conv.forward(x, edgeIndex, { returnAttentionWeights: true });
 * const top = await nodeAttention(attention, 42, { topK: 5 }); // [{ source, edge, perHead, mean }, ...]
 * ```
 */
export async function nodeAttention(
  attention: AttentionWeights,
  nodeId: number,
  { topK }: { topK?: number } = {},
): Promise<NeighbourAttention[]> {
  if (!Number.isInteger(nodeId) || nodeId < 0) throw new ShapeError('nodeId', `expected a node index, got ${nodeId}`);
  const [edges, alpha] = await Promise.all([attention.edgeIndex.data(), attention.alpha.data()]);
  const numEdges = attention.edgeIndex.shape[1];
  const heads = attention.alpha.shape[1];
  const rows: NeighbourAttention[] = [];
  for (let e = 0; e < numEdges; e += 1) {
    if (edges[numEdges + e] !== nodeId) continue;
    const perHead = Array.from(alpha.subarray(e * heads, (e + 1) * heads));
    rows.push({ source: edges[e]!, edge: e, perHead, mean: perHead.reduce((a, b) => a + b, 0) / heads });
  }
  rows.sort((a, b) => b.mean - a.mean || a.edge - b.edge);
  return topK === undefined ? rows : rows.slice(0, topK);
}
