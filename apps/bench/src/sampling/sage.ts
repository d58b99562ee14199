/**
 * GraphSAGE for neighbour-sampled mini-batches, as PyG's ogbn-products
 * example: `SAGEConv` layers with ReLU between them, each layer computed on
 * the batch trimmed to the hops it can still reach a seed from
 * (`trimToLayer`, PyG's `trim_to_layer`), bipartite (only the nodes that have
 * in-edges left are updated). Dropout is left out (a timing model).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module } from '@gnnjs/core';
import { SAGEConv } from '@gnnjs/layers';
import { trimToLayer, type SampledGraph } from '@gnnjs/sampling';

export class MiniBatchSAGE extends Module {
  readonly convs: SAGEConv[];

  constructor(inChannels: number, hidden: number, outChannels: number, layers: number) {
    super();
    const dims = [inChannels, ...Array.from({ length: layers - 1 }, () => hidden), outChannels];
    this.convs = Array.from({ length: layers }, (_, l) => this.registerModule(`conv${l}`, new SAGEConv(dims[l]!, dims[l + 1]!)));
  }

  /** Rows `0 .. batch.batchSize-1`: the seeds' logits. */
  forward(batch: SampledGraph): tf.Tensor2D {
    return tf.tidy(() => {
      let h: tf.Tensor2D = batch.x!;
      this.convs.forEach((conv, l) => {
        const { x, edgeIndex, numDst } = trimToLayer(l, batch.numSampledNodes, batch.numSampledEdges, h, batch.edgeIndex);
        h = conv.forward([x, tf.slice(x, [0, 0], [numDst, x.shape[1]])], edgeIndex);
        if (l < this.convs.length - 1) h = tf.relu(h);
      });
      return h;
    });
  }
}
