import * as tf from '@tensorflow/tfjs-core';
import { MessagePassing, assertEdgeIndex, type MessageContext } from '@gnnjs/core';
import { Linear, assertChannels } from '../nn/linear.js';
import type { NodeFeatures } from './attention.js';
import { formatInChannels, type InChannels } from './attention_plumbing.js';
import { aggregateNeighbours, nodePair, segmentReductionOf, type NeighbourAggregation } from './neighbour_aggregation.js';
import { assertInChannels } from './validate.js';

/** Options of {@link SAGEConv}, PyG 2.6's keyword arguments in camelCase. */
export interface SAGEConvOptions {
  /** Neighbourhood aggregation (default `'mean'`; also `'max'`, `'sum'`/`'add'`, `'min'`). */
  aggr?: NeighbourAggregation;
  /** L2-normalise each output row (default `false`). */
  normalize?: boolean;
  /** Add the transformed target features `W_1 x_i` (default `true`). */
  rootWeight?: boolean;
  /** Project source features with `relu(W_3 x_j + b)` before aggregating (default `false`). */
  project?: boolean;
  /** Learn an additive bias, in `lin_l` (default `true`). */
  bias?: boolean;
}

/**
 * The GraphSAGE operator of Hamilton et al. (2017), PyG's `SAGEConv`:
 *
 * `x'_i = W_1 x_i + W_2 · aggr_{j ∈ N(i)} x_j`,
 *
 * `aggr` the mean by default. With `project`, `x_j ← relu(W_3 x_j + b)`
 * first (the root term still reads the raw `x_i`); with `normalize`, each
 * output row is divided by `max(‖x'_i‖₂, 1e-12)`. A node without in-edges
 * aggregates 0.
 *
 * Input `x: [N, in]` or bipartite `[xSrc: [Ns, in0], xDst: [Nd, in1]]`
 * (`inChannels = [in0, in1]`), `edgeIndex: [2, E]`; output `[N, out]`.
 * Parameters, named as in PyG: `lin.weight`, `lin.bias` (`[in0, in0]`, with
 * `project`), `lin_l.weight` `[out, in0]`, `lin_l.bias`, `lin_r.weight`
 * `[out, in1]` (no bias; absent with `rootWeight: false`), PyG's `Linear`
 * initialisation.
 *
 * @example
 * ```ts
 * const conv = new SAGEConv(3, 8, { aggr: 'max' });
 * const x = tf.randomNormal([4, 3]) as tf.Tensor2D;
 * const edgeIndex = tf.tensor2d([[0, 1, 2], [1, 2, 3]], undefined, 'int32');
 * const out = conv.forward(x, edgeIndex); // [4, 8]
 * ```
 */
export class SAGEConv extends MessagePassing {
  readonly inChannels: InChannels;
  readonly outChannels: number;
  readonly normalize: boolean;
  readonly rootWeight: boolean;
  readonly project: boolean;
  readonly lin: Linear | null;
  readonly linL: Linear;
  readonly linR: Linear | null;
  private readonly aggrName: NeighbourAggregation;

  constructor(inChannels: InChannels, outChannels: number, options: SAGEConvOptions = {}) {
    const { aggr = 'mean', normalize = false, rootWeight = true, project = false, bias = true } = options;
    super({ aggr: segmentReductionOf(aggr, 'SAGEConv') });
    assertInChannels(inChannels);
    assertChannels(outChannels, 'outChannels');
    const [inSrc, inDst] = typeof inChannels === 'number' ? [inChannels, inChannels] : inChannels;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.normalize = normalize;
    this.rootWeight = rootWeight;
    this.project = project;
    this.aggrName = aggr;
    this.lin = project ? this.registerModule('lin', new Linear(inSrc, inSrc, { bias: true })) : null;
    this.linL = this.registerModule('lin_l', new Linear(inSrc, outChannels, { bias }));
    this.linR = rootWeight ? this.registerModule('lin_r', new Linear(inDst, outChannels, { bias: false })) : null;
  }

  /** PyG `Linear`'s initialisation for every map (kaiming-uniform weights, uniform biases). */
  resetParameters(): void {
    for (const l of [this.lin, this.linL, this.linR]) l?.resetParameters();
  }

  /** `[N, in]` (or `[xSrc, xDst]`) → `[N (or Nd), out]`. */
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D): tf.Tensor2D {
    const [xSrc, xDst] = nodePair(x, this.inChannels, 'SAGEConv');
    assertEdgeIndex(edgeIndex, 'SAGEConv');
    return tf.tidy(() => {
      const source = this.lin === null ? xSrc : tf.relu(this.lin.forward(xSrc));
      const aggregated = this.propagate(edgeIndex, { x: [source, xDst] }) as tf.Tensor2D;
      let out = this.linL.forward(aggregated);
      if (this.linR !== null) out = tf.add(out, this.linR.forward(xDst));
      if (this.normalize) out = tf.div(out, tf.sqrt(tf.maximum(tf.sum(tf.square(out), -1, true), 1e-24)));
      return out;
    });
  }

  /** `aggr_j x_j`, without `[E, F]` messages for mean and sum. */
  protected override messageAndAggregate(ctx: MessageContext): tf.Tensor {
    return aggregateNeighbours(ctx, this.aggr);
  }

  override toString(): string {
    return `SAGEConv(${formatInChannels(this.inChannels)}, ${this.outChannels}, aggr=${this.aggrName})`;
  }
}
