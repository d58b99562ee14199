import type * as tf from '@tensorflow/tfjs-core';
import { Module } from '@gnnjs/core';

/**
 * `torch.nn.Identity`: returns its input (PyG's `MLP` puts one where a
 * layer has no normalisation).
 *
 * @example
 * ```ts
 * const x = tf.ones([2, 3]);
 * new Identity().forward(x) === x; // true
 * ```
 */
export class Identity extends Module {
  forward<T extends tf.Tensor>(x: T): T {
    return x;
  }
}
