/**
 * Plumbing that attention layers share and PyG writes out in each of them:
 * input checks, the edge features as a matrix, head combination, the
 * attention return and the attention-weighted aggregation. Options, defaults
 * and mathematics stay in each layer's own file.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, assertEdgeIndex, nextSeed, type MessageContext } from '@gnnjs/core';
import type { AttentionWeights, NodeFeatures, OutputWithAttention } from './attention.js';
import { assertEdgeAttrMatches, assertNodeFeatures, assertPerEdge } from './validate.js';

/** `inChannels` of a layer that takes bipartite input: one width, or `[source width, target width]`. */
export type InChannels = number | readonly [number, number];

/** What {@link attentionInputs} needs to know of the layer. */
interface AttentionLayerShape {
  readonly inChannels: InChannels;
  readonly edgeDim: number | null;
  readonly addSelfLoops: boolean;
}

/**
 * Checks `forward`'s arguments against the layer (each error names the
 * argument and the layer) and returns the features as `[xSrc, xDst]`.
 * Bipartite input cannot take self-loops: there is no node `i` on both sides.
 */
export function attentionInputs(
  layer: AttentionLayerShape,
  x: NodeFeatures,
  edgeIndex: tf.Tensor2D,
  edgeAttr: tf.Tensor | undefined,
): readonly [tf.Tensor2D, tf.Tensor2D] {
  const name = layer.constructor.name;
  const [inSrc, inDst] = typeof layer.inChannels === 'number' ? [layer.inChannels, layer.inChannels] : layer.inChannels;
  assertAttentionEdges(layer, edgeIndex, edgeAttr);
  if (x instanceof tf.Tensor) {
    assertNodeFeatures(x, inSrc, name);
    assertNodeFeatures(x, inDst, name);
    return [x, x];
  }
  if (layer.addSelfLoops) {
    throw new GraphValidationError('x', `${name} got bipartite input [xSrc, xDst] with addSelfLoops=true; build it with addSelfLoops: false`);
  }
  assertNodeFeatures(x[0], inSrc, name, 'x[0]');
  assertNodeFeatures(x[1], inDst, name, 'x[1]');
  return [x[0], x[1]];
}

/** Checks `edgeIndex` and `edgeAttr` against the layer (each error names the argument and the layer). */
export function assertAttentionEdges(layer: Pick<AttentionLayerShape, 'edgeDim'>, edgeIndex: tf.Tensor2D, edgeAttr: tf.Tensor | undefined): void {
  const name = layer.constructor.name;
  assertEdgeIndex(edgeIndex, name);
  assertEdgeAttrMatches(layer.edgeDim, edgeAttr, name);
  if (edgeAttr !== undefined) assertPerEdge(edgeAttr, edgeIndex.shape[1], 'edgeAttr', name);
}

/** Edge features as `[E, D]` (a `[E]` tensor is one feature per edge). */
export function edgeFeatureMatrix(edgeAttr: tf.Tensor | undefined): tf.Tensor2D | undefined {
  if (edgeAttr === undefined) return undefined;
  // The width from the shape, not -1: a reshape cannot infer it for 0 edges.
  const width = edgeAttr.shape.slice(1).reduce((a, b) => a * b, 1);
  return tf.reshape(edgeAttr, [edgeAttr.shape[0]!, width]) as tf.Tensor2D;
}

/** PyG's `out.view(-1, H * C)` when `concat`, else `out.mean(dim=1)`: `[N, H, C]` → `[N, H·C]` or `[N, C]`. */
export function combineHeads(out: tf.Tensor3D, concat: boolean): tf.Tensor2D {
  return (concat ? tf.reshape(out, [out.shape[0], out.shape[1] * out.shape[2]]) : tf.mean(out, 1)) as tf.Tensor2D;
}

/** Attention dropout of one forward pass, as the fused attention ops take it. */
export interface AttentionDropout {
  readonly dropoutRate: number;
  readonly seed: number;
}

/**
 * The rate and seed of the attention dropout in this pass: none outside
 * training or with `p = 0`; otherwise the next seed of `manualSeed`'s stream,
 * drawn exactly where `dropout(alpha, p, training)` drew it, so the fused
 * kernels drop the same coefficients the unfused path drops.
 */
export function attentionDropout(p: number, training: boolean): AttentionDropout {
  if (!training || p === 0) return { dropoutRate: 0, seed: 0 };
  return { dropoutRate: p, seed: nextSeed() ?? Math.floor(Math.random() * 2 ** 31) };
}

/** `α_ji x_j` per head: the message of the unfused path. */
export function attentionMessage(ctx: MessageContext): tf.Tensor {
  return tf.mul(ctx.j('x'), tf.expandDims(ctx.edge('alpha'), -1));
}

/**
 * `forward`'s result: the output, or with `returnAttentionWeights` also the
 * edges attended over and their coefficients. The edges are a clone, so that
 * disposing them frees neither the caller's input nor the layer's cached loops.
 */
export function withAttention(
  output: tf.Tensor2D,
  edgeIndex: tf.Tensor2D,
  alpha: tf.Tensor2D,
  returnAttentionWeights: boolean | undefined,
): tf.Tensor2D | OutputWithAttention {
  if (returnAttentionWeights !== true) return output;
  const attention: AttentionWeights = { edgeIndex: tf.clone(edgeIndex), alpha };
  return { output, attention };
}

/** PyG's repr of `in_channels`: `5`, or `(5, 3)` for bipartite layers. */
export function formatInChannels(inChannels: InChannels): string {
  return typeof inChannels === 'number' ? String(inChannels) : `(${inChannels.join(', ')})`;
}
