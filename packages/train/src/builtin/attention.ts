import * as tf from '@tensorflow/tfjs-core';
import { GAT, GATv2, type AttentionWeights } from '@gnnjs/layers';
import type { TrainableModel } from './models.js';

/** One layer's attention as plain arrays (`attention.json`). */
export interface LayerAttentionJson {
  layer: string;
  heads: number;
  /** `[2, E']`: row 0 sources, row 1 targets (self-loops included). */
  edgeIndex: [number[], number[]];
  /** `[E', heads]`. */
  alpha: number[][];
}

/**
 * Runs the model in eval mode and returns each attention layer's
 * coefficients; the caller disposes them. Empty for models without attention.
 *
 * @example
 * ```ts
 * const layers = modelAttention(model, data);
 * tf.dispose(layers.flatMap((a) => [a.edgeIndex, a.alpha]));
 * ```
 */
export function modelAttention(model: TrainableModel, data: { x: tf.Tensor2D; edgeIndex: tf.Tensor2D }): AttentionWeights[] {
  if (!(model instanceof GAT || model instanceof GATv2)) return [];
  model.eval();
  const { output, attention } = model.forward(data.x, data.edgeIndex, { returnAttentionWeights: true });
  output.dispose();
  return attention;
}

/**
 * Every attention layer's final eval-mode coefficients as JSON-ready arrays
 * (what `gnnjs train --out` writes to `attention.json`); frees the tensors it reads.
 *
 * @example
 * ```ts
 * const { layers } = await collectAttention(model, data);
 * layers[0]?.alpha.length; // one row per edge (self-loops included), one value per head
 * ```
 */
export async function collectAttention(model: TrainableModel, data: { x: tf.Tensor2D; edgeIndex: tf.Tensor2D }): Promise<{ layers: LayerAttentionJson[] }> {
  const attention = modelAttention(model, data);
  try {
    const layers: LayerAttentionJson[] = [];
    for (const [i, a] of attention.entries()) {
      const [edges, alpha] = await Promise.all([a.edgeIndex.array(), a.alpha.array()]);
      layers.push({
        layer: `conv${i + 1}`,
        heads: a.alpha.shape[1],
        edgeIndex: [edges[0] ?? [], edges[1] ?? []],
        alpha,
      });
    }
    return { layers };
  } finally {
    tf.dispose(attention.flatMap((a) => [a.edgeIndex, a.alpha]));
  }
}
