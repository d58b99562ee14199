import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError, degree, segmentSoftmax, segmentSum } from '@gnnjs/core';
import { MLP } from '../models/mlp.js';
import type { UnaryModule } from '../nn/sequential.js';

/**
 * PyG's `AttentionalAggregation` (global soft attention of Li et al., 2016):
 *
 * `r_b = Σ_{i ∈ graph b} softmax_b(gate_nn(x_i)) ⊙ nn(x_i)`,
 *
 * the gate `[N, 1]` (or `[N, C]`) softmaxed over the nodes of each graph.
 * Without `nn` the features themselves are weighted. As in PyG, an
 * {@link MLP} passed as a network is kept as `gate_mlp` / `mlp` (and given
 * `batch`), any other module as `gate_nn` / `nn`, which names the parameters:
 * `gate_nn.weight`, `gate_nn.0.weight`, `gate_mlp.lins.0.weight`.
 *
 * @example
 * ```ts
 * const pool = new AttentionalAggregation(new TorchLinear(6, 1), new TorchLinear(6, 4));
 * const x = tf.randomNormal([5, 6]) as tf.Tensor2D;
 * const out = pool.forward(x, tf.tensor1d([0, 0, 1, 1, 1], 'int32'), 2); // [2, 4]
 * ```
 */
export class AttentionalAggregation extends Module {
  readonly gateNn: UnaryModule | MLP;
  readonly nn: UnaryModule | MLP | null;

  constructor(gateNn: UnaryModule | MLP, nn: UnaryModule | MLP | null = null) {
    super();
    this.gateNn = this.registerModule(gateNn instanceof MLP ? 'gate_mlp' : 'gate_nn', gateNn);
    this.nn = nn === null ? null : this.registerModule(nn instanceof MLP ? 'mlp' : 'nn', nn);
  }

  /** Resets the networks that have a `resetParameters`. */
  resetParameters(): void {
    for (const m of [this.gateNn, this.nn]) {
      const reset = (m as { resetParameters?: () => void } | null)?.resetParameters;
      if (typeof reset === 'function') reset.call(m);
    }
  }

  /**
   * `[N, F]` node features → `[numGraphs, C]`. `batch` `[N]` holds each
   * node's graph (default: all in graph 0); `numGraphs` defaults to
   * `max(batch) + 1` (read back from `batch`; 0 for no nodes).
   */
  forward(x: tf.Tensor2D, batch?: tf.Tensor1D | null, numGraphs?: number): tf.Tensor2D {
    if (!(x instanceof tf.Tensor) || x.rank !== 2) {
      throw new ShapeError('x', `AttentionalAggregation expects node features [N, F], got ${x instanceof tf.Tensor ? `[${x.shape.join(', ')}]` : typeof x}`);
    }
    if (batch != null && (batch.rank !== 1 || batch.shape[0] !== x.shape[0])) {
      throw new ShapeError('batch', `AttentionalAggregation expects [${x.shape[0]}] (one graph id per node), got [${batch.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const index = batch ?? (tf.zeros([x.shape[0]], 'int32') as tf.Tensor1D);
      const size = numGraphs ?? (batch == null ? (x.shape[0] > 0 ? 1 : 0) : degree(batch).shape[0]);
      const run = (m: UnaryModule | MLP) => (m instanceof MLP ? m.forward(x, index, size) : m.forward(x)) as tf.Tensor2D;
      const gate = run(this.gateNn);
      const h = this.nn === null ? x : run(this.nn);
      if (gate.rank !== 2 || gate.shape[0] !== x.shape[0] || (gate.shape[1] !== 1 && gate.shape[1] !== h.shape[1])) {
        throw new ShapeError('gateNn', `AttentionalAggregation's gate must give [N, 1] or [N, ${h.shape[1]}], got [${gate.shape.join(', ')}]`);
      }
      const weights = segmentSoftmax(gate, index, size);
      return segmentSum(tf.mul(weights, h), index, size) as tf.Tensor2D;
    });
  }

  override toString(): string {
    return `AttentionalAggregation(gate_nn=${this.gateNn.toString()}, nn=${this.nn === null ? 'None' : this.nn.toString()})`;
  }
}
