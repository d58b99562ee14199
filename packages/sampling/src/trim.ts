/**
 * PyG's `trim_to_layer` (`torch_geometric.utils.trim_to_layer`): in a
 * mini-batch whose nodes and edges are ordered by hop (as the loaders give
 * them), layer `ℓ` of an `L`-layer model only needs the nodes of hops
 * `0 .. L−ℓ` and the edges of hops `1 .. L−ℓ`: the rest cannot reach a seed
 * within the remaining layers. Trimming changes no seed's output and saves
 * most of the work of the later layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { SamplingError } from './errors.js';

/** What {@link trimToLayer} keeps. */
export interface TrimmedLayer {
  /** Rows of the nodes of hops `0 .. L−ℓ` (the first rows: nodes are ordered by hop). */
  x: tf.Tensor2D;
  /** Columns of the edges of hops `1 .. L−ℓ`. */
  edgeIndex: tf.Tensor2D;
  /**
   * How many of those nodes have in-edges left (hops `0 .. L−ℓ−1`): a
   * bipartite layer may compute only these, `conv.forward([x, x.slice(0, numDst)], edgeIndex)`.
   */
  numDst: number;
}

/**
 * Trims the batch for layer `layer` (0-based) given how many nodes and edges
 * each hop added (`SampledGraph.numSampledNodes`, `.numSampledEdges`). Layer
 * 0 keeps everything. Call it inside `tf.tidy`: layer 0 returns `x` and
 * `edgeIndex` themselves, later layers slices of them.
 *
 * @example
 * ```ts
 * let h = batch.x!;
 * convs.forEach((conv, layer) => {
 *   const { x, edgeIndex, numDst } = trimToLayer(layer, batch.numSampledNodes, batch.numSampledEdges, h, batch.edgeIndex);
 *   h = conv.forward([x, tf.slice(x, 0, numDst)], edgeIndex); // PyG: conv(x, edge_index) on all kept nodes
 * }); // h: [batch.batchSize, C]
 * ```
 */
export function trimToLayer(layer: number, numSampledNodes: readonly number[], numSampledEdges: readonly number[], x: tf.Tensor2D, edgeIndex: tf.Tensor2D): TrimmedLayer {
  const hops = numSampledEdges.length;
  if (numSampledNodes.length !== hops + 1) {
    throw new SamplingError('numSampledNodes', `needs one count per hop plus the seeds (${hops + 1} for ${hops} hops of edges), got ${numSampledNodes.length}; a 'bidirectional' or 'induced' batch has no per-hop counts`);
  }
  if (!Number.isInteger(layer) || layer < 0 || layer > hops) throw new SamplingError('layer', `expected an integer in [0, ${hops}] (the batch has ${hops} hops), got ${String(layer)}`);
  const sum = (a: readonly number[], end: number): number => a.slice(0, end).reduce((s, v) => s + v, 0);
  const keepNodes = sum(numSampledNodes, hops + 1 - layer);
  const keepEdges = sum(numSampledEdges, hops - layer);
  const numDst = hops - layer > 0 ? sum(numSampledNodes, hops - layer) : keepNodes;
  if (x.shape[0] < keepNodes) throw new SamplingError('x', `has ${x.shape[0]} rows, fewer than the ${keepNodes} nodes of hops 0..${hops - layer}: trim the output of the previous layer, not another batch`);
  if (layer === 0) return { x, edgeIndex, numDst };
  return {
    x: x.shape[0] === keepNodes ? x : tf.slice(x, [0, 0], [keepNodes, x.shape[1]]),
    edgeIndex: tf.slice(edgeIndex, [0, 0], [2, keepEdges]),
    numDst,
  };
}
