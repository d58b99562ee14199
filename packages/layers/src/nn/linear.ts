import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError } from '@gnnjs/core';
import { matMulTransposed } from './matmul_transposed.js';
import { glorot, kaimingUniform, parameter, reinitialize, uniformFanIn } from './initializers.js';

/** Options of {@link Linear}, PyG's `Linear` keyword arguments. */
export interface LinearOptions {
  /** Learn an additive bias (default `true`). */
  bias?: boolean;
  /** `'kaimingUniform'` (default, PyG's `None`) or `'glorot'`. */
  weightInitializer?: 'glorot' | 'kaimingUniform';
  /** `'uniform'` (default, `U(±1/sqrt(in))`, PyG's `None`) or `'zeros'`. */
  biasInitializer?: 'uniform' | 'zeros';
}

/**
 * Affine map `y = x Wᵀ + b` with PyTorch's layout: `weight` is `[out, in]`,
 * `bias` is `[out]`. Works on `[..., in]` inputs.
 *
 * @example
 * ```ts
 * const lin = new Linear(16, 7, { weightInitializer: 'glorot' });
 * const y = lin.forward(x); // [N, 16] -> [N, 7]
 * ```
 */
export class Linear extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | null;
  private readonly weightInitializer: 'glorot' | 'kaimingUniform';
  private readonly biasInitializer: 'uniform' | 'zeros';

  constructor(inChannels: number, outChannels: number, options: LinearOptions = {}) {
    super();
    const { bias = true, weightInitializer = 'kaimingUniform', biasInitializer = 'uniform' } = options;
    assertChannels(inChannels, 'inChannels');
    assertChannels(outChannels, 'outChannels');
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.weightInitializer = weightInitializer;
    this.biasInitializer = biasInitializer;
    this.weight = this.registerParameter('weight', parameter(() => tf.zeros([outChannels, inChannels])));
    this.bias = bias ? this.registerParameter('bias', parameter(() => tf.zeros([outChannels]))) : null;
    this.resetParameters();
  }

  /** Redraws the weight (and bias) with the configured initialisers. */
  resetParameters(): void {
    reinitialize(this.weight, (s) => (this.weightInitializer === 'glorot' ? glorot(s) : kaimingUniform(s, this.inChannels)));
    if (this.bias !== null) {
      reinitialize(this.bias, (s) => (this.biasInitializer === 'zeros' ? tf.zeros([...s]) : uniformFanIn(s, this.inChannels)));
    }
  }

  /** `x Wᵀ + b` over the last axis of `x`. */
  forward<T extends tf.Tensor>(x: T): T {
    const last = x.shape[x.rank - 1];
    if (x.rank < 1 || last !== this.inChannels) {
      throw new ShapeError('x', `Linear expects [..., ${this.inChannels}], got [${x.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const flat = tf.reshape(x, [-1, this.inChannels]);
      const y = matMulTransposed(flat as tf.Tensor2D, this.weight as tf.Tensor2D);
      const biased = this.bias === null ? y : tf.add(y, this.bias);
      return tf.reshape(biased, [...x.shape.slice(0, -1), this.outChannels]);
    }) as T;
  }

  override toString(): string {
    return `Linear(${this.inChannels}, ${this.outChannels}, bias=${this.bias === null ? 'False' : 'True'})`;
  }
}

/** Channels must be positive integers; shared by every layer. */
export function assertChannels(value: number, argument: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new ShapeError(argument, `expected a positive integer, got ${value}`);
  }
}
