import * as tf from '@tensorflow/tfjs-core';
import { Module } from '@gnnjs/core';

/** `max(x, 0)`. */
export function relu<T extends tf.Tensor>(x: T): T {
  return tf.relu(x);
}

/** `x` if positive, else `exp(x) - 1` (alpha 1, as PyTorch's default). */
export function elu<T extends tf.Tensor>(x: T): T {
  return tf.elu(x);
}

/** `x` if positive, else `negativeSlope · x` (PyTorch's default slope 0.01). */
export function leakyRelu<T extends tf.Tensor>(x: T, negativeSlope = 0.01): T {
  return tf.leakyRelu(x, negativeSlope);
}

/** {@link relu} as a module, for {@link Sequential}. */
export class ReLU extends Module {
  forward<T extends tf.Tensor>(x: T): T {
    return relu(x);
  }
}

/** {@link elu} as a module. */
export class ELU extends Module {
  forward<T extends tf.Tensor>(x: T): T {
    return elu(x);
  }
}

/** {@link leakyRelu} as a module. */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  forward<T extends tf.Tensor>(x: T): T {
    return leakyRelu(x, this.negativeSlope);
  }
  protected override extraRepr(): string {
    return `negative_slope=${this.negativeSlope}`;
  }
}
