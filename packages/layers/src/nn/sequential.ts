import * as tf from '@tensorflow/tfjs-core';
import { Module } from '@gnnjs/core';

/** A module with a one-tensor forward: `Linear`, `Dropout`, activations, `Sequential`. */
export interface UnaryModule extends Module {
  forward(x: tf.Tensor): tf.Tensor;
}

/**
 * Runs modules one after another, as `torch.nn.Sequential`; children are
 * named `0`, `1`, ... so parameters read `0.weight`, `2.bias`.
 *
 * @example
 * ```ts
 * const mlp = new Sequential(new Linear(16, 32), new ReLU(), new Dropout(0.5), new Linear(32, 7));
 * const y = mlp.forward(x);
 * ```
 */
export class Sequential extends Module {
  readonly layers: readonly UnaryModule[];
  constructor(...layers: UnaryModule[]) {
    super();
    this.layers = layers.map((layer, k) => this.registerModule(String(k), layer));
  }
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.layers.reduce((h, layer) => layer.forward(h), x));
  }
}
