import * as tf from '@tensorflow/tfjs-core';
import { Module } from '@gnnjs/core';
import type { AttentionWeights, OutputWithAttention } from '../conv/attention.js';
import { GATConv } from '../conv/gat_conv.js';
import { GATv2Conv } from '../conv/gatv2_conv.js';
import { dropout, dropoutLinear, dropoutLinears } from '../nn/dropout.js';

/** Options of {@link GAT} and {@link GATv2} (PyG's examples/gat.py). */
export interface GATOptions {
  /** Hidden width per head (default 8). */
  hiddenChannels?: number;
  /** Heads of the first layer, concatenated (default 8). */
  heads?: number;
  /** Heads of the output layer, averaged (default 1). */
  outHeads?: number;
  /** Dropout on input, hidden features and attention, training only (default 0.6). */
  dropout?: number;
}

/** A model's output with every layer's attention, first layer first. */
export type ModelOutputWithAttention = {
  output: tf.Tensor2D;
  attention: AttentionWeights[];
};

const outputOf = (result: tf.Tensor2D | OutputWithAttention) => (result instanceof tf.Tensor ? result : result.output);

type AttentionConv = GATConv | GATv2Conv;
type ConvFactory = (inChannels: number, outChannels: number, options: { heads: number; concat: boolean; dropout: number }) => AttentionConv;

/** Two attention layers with ELU between them; {@link GAT} and {@link GATv2} pick the layer. */
abstract class TwoLayerAttentionModel extends Module {
  readonly conv1: AttentionConv;
  readonly conv2: AttentionConv;
  readonly dropout: number;

  protected constructor(make: ConvFactory, inChannels: number, outChannels: number, options: GATOptions) {
    super();
    const { hiddenChannels = 8, heads = 8, outHeads = 1, dropout: p = 0.6 } = options;
    this.dropout = p;
    this.conv1 = this.registerModule('conv1', make(inChannels, hiddenChannels, { heads, concat: true, dropout: p }));
    this.conv2 = this.registerModule('conv2', make(hiddenChannels * heads, outChannels, { heads: outHeads, concat: false, dropout: p }));
  }

  /** Logits `[N, out]`; with `{ returnAttentionWeights: true }` also both layers' attention. */
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, options: { returnAttentionWeights: true }): ModelOutputWithAttention;
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, options?: { returnAttentionWeights?: false }): tf.Tensor2D;
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, options: { returnAttentionWeights?: boolean } = {}): tf.Tensor2D | ModelOutputWithAttention {
    const withAttention = options.returnAttentionWeights === true;
    return tf.tidy(() => {
      // The input dropout and the first projection(s) in one product (dropoutLinear[s]): the same numbers, without the dropped [N, in].
      const conv1 = this.conv1;
      const opts = { returnAttentionWeights: withAttention };
      let first: tf.Tensor2D | OutputWithAttention;
      if (conv1 instanceof GATConv && conv1.lin !== null && conv1.res === null) {
        first = conv1.forwardProjected(dropoutLinear(x, this.dropout, this.training, conv1.lin), edgeIndex, opts);
      } else if (conv1 instanceof GATv2Conv && typeof conv1.inChannels === 'number' && conv1.res === null) {
        const [zL, zR] = dropoutLinears(x, this.dropout, this.training, conv1.shareWeights ? [conv1.linL] : [conv1.linL, conv1.linR]);
        first = conv1.forwardProjected(zR === undefined ? zL! : [zL!, zR], edgeIndex, opts);
      } else {
        first = conv1.forward(dropout(x, this.dropout, this.training), edgeIndex, opts);
      }
      const h1 = dropout(tf.elu(outputOf(first)), this.dropout, this.training);
      const second = this.conv2.forward(h1, edgeIndex, { returnAttentionWeights: withAttention });
      if (first instanceof tf.Tensor || second instanceof tf.Tensor) return outputOf(second);
      return { output: second.output, attention: [first.attention, second.attention] };
    });
  }

  /** Redraws both layers' parameters. */
  resetParameters(): void {
    this.conv1.resetParameters();
    this.conv2.resetParameters();
  }
}

/**
 * Two-layer GAT of Veličković et al., as PyG's `examples/gat.py`:
 * `dropout → GATConv(in, 8, heads 8) → ELU → dropout → GATConv(64, out, heads 1, concat false)`,
 * attention dropout 0.6 in both layers; returns logits.
 *
 * @example
 * ```ts
 * const model = new GAT(dataset.numFeatures, dataset.numClasses);
 * const { output, attention } = model.forward(x, edgeIndex, { returnAttentionWeights: true });
 * ```
 */
export class GAT extends TwoLayerAttentionModel {
  constructor(inChannels: number, outChannels: number, options: GATOptions = {}) {
    super((i, o, p) => new GATConv(i, o, p), inChannels, outChannels, options);
  }
}

/** {@link GAT} with `GATv2Conv` layers (dynamic attention). */
export class GATv2 extends TwoLayerAttentionModel {
  constructor(inChannels: number, outChannels: number, options: GATOptions = {}) {
    super((i, o, p) => new GATv2Conv(i, o, p), inChannels, outChannels, options);
  }
}
