import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError } from '@gnnjs/core';
import { kaimingUniform, parameter, reinitialize, uniformFanIn } from '../nn/initializers.js';
import { assertChannels } from '../nn/linear.js';

/** Options of {@link HeteroLinear}. */
export interface HeteroLinearOptions {
  /** Learn a bias per type (default `true`). */
  bias?: boolean;
}

/**
 * PyG's `HeteroLinear`: a separate map per type, stored as ONE weight
 * `[numTypes, in, out]` applied as `x @ W_τ` (not transposed, unlike
 * `Linear`), plus `bias` `[numTypes, out]`; PyG's initialisation
 * (kaiming-uniform with fan `in`, bias `U(±1/sqrt(in))`). HGTConv keeps its
 * per-relation, per-head key and value maps (`k_rel`, `v_rel`) in one.
 *
 * @example
 * ```ts
 * const rel = new HeteroLinear(8, 8, 4, { bias: false });
 * const y = rel.forwardType(x, 2); // x [N, 8] @ weight[2]
 * ```
 */
export class HeteroLinear extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly numTypes: number;
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(inChannels: number, outChannels: number, numTypes: number, options: HeteroLinearOptions = {}) {
    super();
    assertChannels(inChannels, 'inChannels');
    assertChannels(outChannels, 'outChannels');
    assertChannels(numTypes, 'numTypes');
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.numTypes = numTypes;
    this.weight = this.registerParameter('weight', parameter(() => tf.zeros([numTypes, inChannels, outChannels])));
    this.bias = options.bias ?? true ? this.registerParameter('bias', parameter(() => tf.zeros([numTypes, outChannels]))) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    reinitialize(this.weight, (s) => kaimingUniform(s, this.inChannels));
    if (this.bias !== null) reinitialize(this.bias, (s) => uniformFanIn(s, this.inChannels));
  }

  /**
   * Batched over types: `x` `[T, N, in]` (row block `k` belongs to type
   * `types[k]`) → `[T, N, out]`, `x[k] @ W[types[k]] (+ b[types[k]])`.
   */
  forwardBlocks(x: tf.Tensor3D, types: readonly number[]): tf.Tensor3D {
    this.assertNotDisposed();
    if (x.rank !== 3 || x.shape[0] !== types.length || x.shape[2] !== this.inChannels) {
      throw new ShapeError('x', `HeteroLinear expects [${types.length}, N, ${this.inChannels}], got [${x.shape.join(', ')}]`);
    }
    for (const t of types) {
      if (!Number.isInteger(t) || t < 0 || t >= this.numTypes) throw new ShapeError('types', `HeteroLinear has ${this.numTypes} types, got ${t}`);
    }
    return tf.tidy((): tf.Tensor3D => {
      const index = tf.tensor1d(types as number[], 'int32');
      const w = tf.gather(this.weight, index) as tf.Tensor3D;
      const y = tf.matMul(x, w);
      return (this.bias === null ? y : tf.add(y, tf.expandDims(tf.gather(this.bias, index), 1))) as tf.Tensor3D;
    });
  }

  /**
   * The maps of `types` as one block-diagonal matrix `[T·in, T·out]`, so that
   * `x @ blockDiagonal(types)` for `x` `[N, T·in]` (block `k` of the columns
   * belonging to type `types[k]`) is the concatenation of `x_k @ W[types[k]]`:
   * one plain matmul instead of a batched one between two transposes (slow on
   * the CPU backends), for the few small blocks HGTConv's heads use.
   */
  blockDiagonal(types: readonly number[]): tf.Tensor2D {
    this.assertNotDisposed();
    for (const t of types) {
      if (!Number.isInteger(t) || t < 0 || t >= this.numTypes) throw new ShapeError('types', `HeteroLinear has ${this.numTypes} types, got ${t}`);
    }
    const T = types.length;
    return tf.tidy(() => {
      const w = tf.gather(this.weight, tf.tensor1d(types as number[], 'int32')); // [T, in, out]
      const eye = tf.reshape(tf.eye(T), [T, 1, T, 1]);
      return tf.reshape(tf.mul(tf.expandDims(w, 2), eye), [T * this.inChannels, T * this.outChannels]) as tf.Tensor2D;
    });
  }

  /** `x @ W[type] (+ b[type])` for rows `[N, in]` of one type. */
  forwardType(x: tf.Tensor2D, type: number): tf.Tensor2D {
    return tf.tidy(() => tf.squeeze(this.forwardBlocks(tf.expandDims(x, 0) as tf.Tensor3D, [type]), [0]) as tf.Tensor2D);
  }

  override toString(): string {
    return `HeteroLinear(${this.inChannels}, ${this.outChannels}, num_types=${this.numTypes}, bias=${this.bias === null ? 'False' : 'True'})`;
  }
}
