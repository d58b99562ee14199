import * as tf from '@tensorflow/tfjs-core';
import { Module } from '@gnnjs/core';
import { GCNConv } from '../conv/gcn_conv.js';
import { dropout, dropoutLinear } from '../nn/dropout.js';

/** Options of {@link GCN} (PyG's examples/gcn.py). */
export interface GCNOptions {
  /** Hidden width (default 16). */
  hiddenChannels?: number;
  /** Dropout on the input and hidden features, training only (default 0.5). */
  dropout?: number;
  /** Cache the normalised adjacency in both layers (transductive training; default `false`). */
  cached?: boolean;
}

/**
 * Two-layer GCN of Kipf & Welling, as PyG's `examples/gcn.py`:
 * `dropout → GCNConv(in, 16) → ReLU → dropout → GCNConv(16, out)`; returns logits `[N, out]`.
 *
 * @example
 * ```ts
 * const model = new GCN(dataset.numFeatures, dataset.numClasses);
 * const logits = model.forward(x, edgeIndex);
 * ```
 */
export class GCN extends Module {
  readonly conv1: GCNConv;
  readonly conv2: GCNConv;
  readonly dropout: number;

  constructor(inChannels: number, outChannels: number, { hiddenChannels = 16, dropout: p = 0.5, cached = false }: GCNOptions = {}) {
    super();
    this.dropout = p;
    this.conv1 = this.registerModule('conv1', new GCNConv(inChannels, hiddenChannels, { cached }));
    this.conv2 = this.registerModule('conv2', new GCNConv(hiddenChannels, outChannels, { cached }));
  }

  /** Logits `[N, out]`; dropout is active in training mode only. */
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, edgeWeight?: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => {
      // conv1(dropout(x)), with the dropout fused into conv1's product: the
      // dropped features are never made (same draw, same numbers).
      let h = dropoutLinear(x, this.dropout, this.training, this.conv1.lin);
      h = tf.relu(this.conv1.forwardProjected(h, edgeIndex, edgeWeight));
      h = dropout(h, this.dropout, this.training);
      return this.conv2.forward(h, edgeIndex, edgeWeight);
    });
  }

  /** Redraws both layers' parameters. */
  resetParameters(): void {
    this.conv1.resetParameters();
    this.conv2.resetParameters();
  }
}
