import * as tf from '@tensorflow/tfjs-core';
import { MessagePassing, ShapeError, assertEdgeIndex, type MessageContext } from '@gnnjs/core';
import { reinitialize } from '../nn/initializers.js';
import type { UnaryModule } from '../nn/sequential.js';
import type { NodeFeatures } from './attention.js';
import { aggregateNeighbours, nodePair } from './neighbour_aggregation.js';

/** Options of {@link GINConv}, PyG 2.6's keyword arguments in camelCase. */
export interface GINConvOptions {
  /** Initial `ε` (default 0). */
  eps?: number;
  /** Learn `ε` as a parameter (default `false`: a buffer holding `eps`). */
  trainEps?: boolean;
}

/**
 * The graph isomorphism operator of Xu et al. (2019), PyG's `GINConv`:
 *
 * `x'_i = h_Θ((1 + ε) · x_i + Σ_{j ∈ N(i)} x_j)`,
 *
 * `h_Θ` the given network (an MLP, typically a {@link Sequential} of
 * `Linear`, `ReLU`, `Linear`). `ε` is the parameter `eps` `[1]` with
 * `trainEps`, else the buffer `eps` (in the state dict, not trained). The
 * network decides the widths: input `x: [N, F]` or bipartite
 * `[xSrc: [Ns, F], xDst: [Nd, F]]`, output `[N, out of nn]`. Parameter names
 * as in PyG: `eps`, then the network's under `nn.` (`nn.0.weight`, …).
 *
 * @example
 * ```ts
 * const conv = new GINConv(new Sequential(new TorchLinear(3, 16), new ReLU(), new TorchLinear(16, 4)), { trainEps: true });
 * const x = tf.randomNormal([4, 3]) as tf.Tensor2D;
 * const out = conv.forward(x, tf.tensor2d([[0, 1, 2], [1, 2, 3]], undefined, 'int32')); // [4, 4]
 * ```
 */
export class GINConv extends MessagePassing {
  readonly nn: UnaryModule;
  /** The constructor's `eps` (PyG's `initial_eps`), restored by `resetParameters`. */
  readonly initialEps: number;
  readonly trainEps: boolean;
  /** `ε` `[1]`: a parameter with `trainEps`, else a buffer. */
  readonly eps: tf.Variable;

  constructor(nn: UnaryModule, options: GINConvOptions = {}) {
    super({ aggr: 'sum' });
    const { eps = 0, trainEps = false } = options;
    if (!Number.isFinite(eps)) throw new ShapeError('eps', `expected a finite number, got ${eps}`);
    this.initialEps = eps;
    this.trainEps = trainEps;
    this.nn = this.registerModule('nn', nn);
    const value = tf.tidy(() => tf.variable(tf.tensor1d([eps]), trainEps));
    this.eps = trainEps ? this.registerParameter('eps', value) : this.registerBuffer('eps', value);
  }

  /** Resets the network (when it has `resetParameters`) and `ε` to its initial value. */
  resetParameters(): void {
    const reset = (this.nn as { resetParameters?: () => void }).resetParameters;
    if (typeof reset === 'function') reset.call(this.nn);
    reinitialize(this.eps, () => tf.tensor1d([this.initialEps]));
  }

  /** `[N, F]` (or `[xSrc, xDst]`) → `nn`'s output for each (target) node. */
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D): tf.Tensor2D {
    const [xSrc, xDst] = nodePair(x, null, 'GINConv');
    if (xSrc.shape[1] !== xDst.shape[1]) {
      throw new ShapeError('x[1]', `GINConv sums source and target features: widths must agree, got ${xSrc.shape[1]} and ${xDst.shape[1]}`);
    }
    assertEdgeIndex(edgeIndex, 'GINConv');
    return tf.tidy(() => {
      const aggregated = this.propagate(edgeIndex, { x: [xSrc, xDst] });
      return this.nn.forward(tf.add(aggregated, tf.mul(tf.add(1, this.eps), xDst))) as tf.Tensor2D;
    });
  }

  /** `Σ_j x_j` as one `spmm`. */
  protected override messageAndAggregate(ctx: MessageContext): tf.Tensor {
    return aggregateNeighbours(ctx, 'sum');
  }

  override toString(): string {
    return `GINConv(nn=${this.nn.toString()})`;
  }
}
