import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError, degree, gatherRows, segmentSum } from '@gnnjs/core';
import { parameter, reinitialize } from '../nn/initializers.js';
import { assertChannels } from '../nn/linear.js';
import { pyBool } from '../nn/python_repr.js';

/** Options of {@link LayerNorm}, PyG 2.6's keyword arguments in camelCase. */
export interface LayerNormOptions {
  /** Added for numerical stability (default `1e-5`). */
  eps?: number;
  /** Learn `weight` and `bias` (default `true`). */
  affine?: boolean;
  /** `'graph'` (default): statistics over all nodes and channels of each graph; `'node'`: per node. */
  mode?: 'graph' | 'node';
}

/**
 * PyG's `LayerNorm`:
 *
 * `mode: 'graph'` — `x'_i = (x_i − μ_g) / sqrt(σ²_g + eps) ⊙ γ + β`, with the
 * mean `μ_g` and biased variance `σ²_g` taken over every node **and** channel
 * of node i's graph `g` (from `batch`). Without `batch` the whole input is one
 * graph and PyG divides by `std + eps` instead: `(x − μ) / (σ + eps)`.
 *
 * `mode: 'node'` — per node over its channels (`torch.nn.functional.layer_norm`).
 *
 * Parameters `weight` (ones) and `bias` (zeros) `[C]`.
 *
 * @example
 * ```ts
 * const norm = new LayerNorm(4);
 * const x = tf.randomNormal([5, 4]) as tf.Tensor2D;
 * const batch = tf.tensor1d([0, 0, 0, 1, 1], 'int32');
 * const y = norm.forward(x, batch, 2); // each graph has mean 0, variance ~1
 * ```
 */
export class LayerNorm extends Module {
  readonly inChannels: number;
  readonly eps: number;
  readonly affine: boolean;
  readonly mode: 'graph' | 'node';
  readonly weight: tf.Variable | null;
  readonly bias: tf.Variable | null;

  constructor(inChannels: number, options: LayerNormOptions = {}) {
    super();
    const { eps = 1e-5, affine = true, mode = 'graph' } = options;
    assertChannels(inChannels, 'inChannels');
    if (mode !== 'graph' && mode !== 'node') throw new ShapeError('mode', `expected 'graph' or 'node', got '${String(mode)}'`);
    this.inChannels = inChannels;
    this.eps = eps;
    this.affine = affine;
    this.mode = mode;
    this.weight = affine ? this.registerParameter('weight', parameter(() => tf.ones([inChannels]))) : null;
    this.bias = affine ? this.registerParameter('bias', parameter(() => tf.zeros([inChannels]))) : null;
    this.resetParameters();
  }

  /** `weight` ones, `bias` zeros. */
  resetParameters(): void {
    if (this.weight !== null) reinitialize(this.weight, (s) => tf.ones([...s]));
    if (this.bias !== null) reinitialize(this.bias, (s) => tf.zeros([...s]));
  }

  /**
   * `[N, C]` → `[N, C]`. In `'graph'` mode `batch` `[N]` assigns nodes to
   * graphs `0..batchSize-1` (default `max(batch) + 1`, read back from `batch`).
   */
  forward(x: tf.Tensor2D, batch?: tf.Tensor1D | null, batchSize?: number): tf.Tensor2D {
    if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[1] !== this.inChannels) {
      throw new ShapeError('x', `LayerNorm expects [N, ${this.inChannels}], got ${x instanceof tf.Tensor ? `[${x.shape.join(', ')}]` : typeof x}`);
    }
    if (batch != null && (batch.rank !== 1 || batch.shape[0] !== x.shape[0])) {
      throw new ShapeError('batch', `LayerNorm expects [${x.shape[0]}] (one graph id per node), got [${batch.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      let out: tf.Tensor2D;
      if (this.mode === 'node') {
        const { mean, variance } = tf.moments(x, 1, true);
        out = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, this.eps)));
      } else if (batch == null) {
        const centred = tf.sub(x, tf.mean(x));
        out = tf.div(centred, tf.add(tf.sqrt(tf.mean(tf.square(centred))), this.eps));
      } else {
        const graphs = batchSize ?? degree(batch).shape[0];
        // Nodes · channels per graph, at least 1 so that an empty graph divides by 1.
        const norm = tf.reshape(tf.mul(tf.maximum(segmentSum(tf.ones([x.shape[0]]), batch, graphs), 1), this.inChannels), [-1, 1]);
        const perGraph = (t: tf.Tensor) => tf.div(tf.sum(segmentSum(t, batch, graphs), -1, true), norm);
        const centred = tf.sub(x, gatherRows(perGraph(x), batch));
        const variance = perGraph(tf.square(centred));
        out = tf.div(centred, gatherRows(tf.sqrt(tf.add(variance, this.eps)), batch));
      }
      if (this.weight !== null && this.bias !== null) out = tf.add(tf.mul(out, this.weight), this.bias);
      return out;
    });
  }

  override toString(): string {
    return `LayerNorm(${this.inChannels}, affine=${pyBool(this.affine)}, mode=${this.mode})`;
  }
}
