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
 * Lazy, as PyG's `Linear(-1, out)`: with `inChannels = -1` the module has no
 * parameters until its first `forward` (or {@link materialize}) sees the
 * input width; then `weight` and `bias` are made, in that order, with the
 * configured initialisers, and `inChannels` reads the width.
 *
 * @example
 * ```ts
 * const lin = new Linear(16, 7, { weightInitializer: 'glorot' });
 * const y = lin.forward(x); // [N, 16] -> [N, 7]
 * const lazy = new Linear(-1, 7);
 * lazy.forward(x);          // materialises weight [7, 16] and bias [7]
 * ```
 */
export class Linear extends Module {
  readonly outChannels: number;
  private readonly weightInitializer: 'glorot' | 'kaimingUniform';
  private readonly biasInitializer: 'uniform' | 'zeros';
  private readonly hasBias: boolean;
  private inputWidth: number;
  private weightVariable: tf.Variable | null = null;
  private biasVariable: tf.Variable | null = null;

  constructor(inChannels: number, outChannels: number, options: LinearOptions = {}) {
    super();
    const { bias = true, weightInitializer = 'kaimingUniform', biasInitializer = 'uniform' } = options;
    if (inChannels !== -1) assertChannels(inChannels, 'inChannels');
    assertChannels(outChannels, 'outChannels');
    this.inputWidth = inChannels;
    this.outChannels = outChannels;
    this.weightInitializer = weightInitializer;
    this.biasInitializer = biasInitializer;
    this.hasBias = bias;
    if (inChannels !== -1) this.materialize(inChannels);
  }

  /** The input width; -1 while a lazy layer has not seen an input. */
  get inChannels(): number {
    return this.inputWidth;
  }

  /** Whether the parameters exist (always, unless built with `inChannels = -1` and not run yet). */
  get isMaterialized(): boolean {
    return this.weightVariable !== null;
  }

  /** `[out, in]`; a {@link ShapeError} on a lazy layer that has not been materialised. */
  get weight(): tf.Variable {
    if (this.weightVariable === null) {
      throw new ShapeError('weight', `Linear(-1, ${this.outChannels}) has no weight before its first forward or materialize(inChannels)`);
    }
    return this.weightVariable;
  }

  /** `[out]`, or `null` when built with `bias: false`. */
  get bias(): tf.Variable | null {
    if (this.hasBias && this.biasVariable === null) {
      throw new ShapeError('bias', `Linear(-1, ${this.outChannels}) has no bias before its first forward or materialize(inChannels)`);
    }
    return this.biasVariable;
  }

  /**
   * Makes the parameters of a lazy layer for inputs of width `inChannels`
   * (what its first `forward` does), e.g. before `loadStateDict` or before an
   * optimizer collects `parameters()`. A no-op when they exist with that
   * width; a {@link ShapeError} when they exist with another.
   */
  materialize(inChannels: number): void {
    if (this.weightVariable !== null) {
      if (inChannels !== this.inputWidth) {
        throw new ShapeError('x', `Linear expects [..., ${this.inputWidth}], got width ${inChannels}`);
      }
      return;
    }
    assertChannels(inChannels, 'inChannels');
    this.inputWidth = inChannels;
    this.weightVariable = this.registerParameter('weight', parameter(() => tf.zeros([this.outChannels, inChannels])));
    if (this.hasBias) this.biasVariable = this.registerParameter('bias', parameter(() => tf.zeros([this.outChannels])));
    this.resetParameters();
  }

  /** Redraws the weight (and bias) with the configured initialisers; nothing to draw on a lazy layer yet. */
  resetParameters(): void {
    if (this.weightVariable === null) return;
    reinitialize(this.weightVariable, (s) => (this.weightInitializer === 'glorot' ? glorot(s) : kaimingUniform(s, this.inputWidth)));
    if (this.biasVariable !== null) {
      reinitialize(this.biasVariable, (s) => (this.biasInitializer === 'zeros' ? tf.zeros([...s]) : uniformFanIn(s, this.inputWidth)));
    }
  }

  /** `x Wᵀ + b` over the last axis of `x` (materialising a lazy layer first). */
  forward<T extends tf.Tensor>(x: T): T {
    const last = x.shape[x.rank - 1];
    if (this.weightVariable === null && x.rank >= 1 && last !== undefined && last > 0) this.materialize(last);
    if (x.rank < 1 || last !== this.inputWidth) {
      throw new ShapeError('x', `Linear expects [..., ${this.inputWidth}], got [${x.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const flat = tf.reshape(x, [-1, this.inputWidth]);
      const y = matMulTransposed(flat as tf.Tensor2D, this.weight as tf.Tensor2D);
      const biased = this.biasVariable === null ? y : tf.add(y, this.biasVariable);
      return tf.reshape(biased, [...x.shape.slice(0, -1), this.outChannels]);
    }) as T;
  }

  override toString(): string {
    return `Linear(${this.inputWidth}, ${this.outChannels}, bias=${this.hasBias ? 'True' : 'False'})`;
  }
}

/** Channels must be positive integers; shared by every layer. */
export function assertChannels(value: number, argument: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new ShapeError(argument, `expected a positive integer, got ${value}`);
  }
}
