import * as tf from '@tensorflow/tfjs-core';
import { MessagePassing, ShapeError, assertEdgeIndex, type MessageContext } from '@gnnjs/core';
import { Linear, assertChannels } from '../nn/linear.js';
import { reinitialize } from '../nn/initializers.js';
import { Sequential, type UnaryModule } from '../nn/sequential.js';
import type { NodeFeatures } from './attention.js';
import { edgeFeatureMatrix } from './attention_plumbing.js';
import { nodePair } from './neighbour_aggregation.js';
import { assertPerEdge } from './validate.js';

/** Options of {@link GINEConv}, PyG 2.6's keyword arguments in camelCase. */
export interface GINEConvOptions {
  /** Initial `ε` (default 0). */
  eps?: number;
  /** Learn `ε` as a parameter (default `false`: a buffer holding `eps`). */
  trainEps?: boolean;
  /** Width of `edgeAttr`; when set, `lin` maps it to the node width (default: edge features already have it). */
  edgeDim?: number;
}

/**
 * The GIN operator with edge features of Hu et al. (2020), PyG's `GINEConv`:
 *
 * `x'_i = h_Θ((1 + ε) · x_i + Σ_{j ∈ N(i)} ReLU(x_j + Θ_e e_ji))`,
 *
 * `Θ_e` = `lin` (`Linear(edgeDim, F)` with bias, F read from the network's
 * first `Linear`) when `edgeDim` is set; otherwise `e_ji` must already be
 * `F` wide. `ε` as in {@link GINConv}. Input `x: [N, F]` (or `[xSrc, xDst]`),
 * `edgeIndex: [2, E]`, `edgeAttr: [E, edgeDim]` (required); output
 * `[N, out of nn]`. Parameter names as in PyG: `eps`, `nn.*`, `lin.weight`,
 * `lin.bias`.
 *
 * @example
 * ```ts
 * const conv = new GINEConv(new Sequential(new TorchLinear(3, 8), new ReLU(), new TorchLinear(8, 2)), { edgeDim: 5 });
 * const x = tf.randomNormal([4, 3]) as tf.Tensor2D;
 * const edgeIndex = tf.tensor2d([[0, 1, 2], [1, 2, 3]], undefined, 'int32');
 * const out = conv.forward(x, edgeIndex, tf.randomNormal([3, 5])); // [4, 2]
 * ```
 */
export class GINEConv extends MessagePassing {
  readonly nn: UnaryModule;
  readonly initialEps: number;
  readonly trainEps: boolean;
  readonly edgeDim: number | null;
  /** `ε` `[1]`: a parameter with `trainEps`, else a buffer. */
  readonly eps: tf.Variable;
  readonly lin: Linear | null;

  constructor(nn: UnaryModule, options: GINEConvOptions = {}) {
    super({ aggr: 'sum' });
    const { eps = 0, trainEps = false, edgeDim } = options;
    if (!Number.isFinite(eps)) throw new ShapeError('eps', `expected a finite number, got ${eps}`);
    if (edgeDim !== undefined) assertChannels(edgeDim, 'edgeDim');
    const linWidth = edgeDim === undefined ? null : inputWidthOf(nn);
    this.initialEps = eps;
    this.trainEps = trainEps;
    this.edgeDim = edgeDim ?? null;
    this.nn = this.registerModule('nn', nn);
    const value = tf.tidy(() => tf.variable(tf.tensor1d([eps]), trainEps));
    this.eps = trainEps ? this.registerParameter('eps', value) : this.registerBuffer('eps', value);
    this.lin = edgeDim === undefined || linWidth === null ? null : this.registerModule('lin', new Linear(edgeDim, linWidth));
  }

  /** Resets the network (when it has `resetParameters`), `ε` and `lin`. */
  resetParameters(): void {
    const reset = (this.nn as { resetParameters?: () => void }).resetParameters;
    if (typeof reset === 'function') reset.call(this.nn);
    reinitialize(this.eps, () => tf.tensor1d([this.initialEps]));
    this.lin?.resetParameters();
  }

  /** `[N, F]` (or `[xSrc, xDst]`), edges and their features → `nn`'s output per (target) node. */
  forward(x: NodeFeatures, edgeIndex: tf.Tensor2D, edgeAttr: tf.Tensor): tf.Tensor2D {
    const [xSrc, xDst] = nodePair(x, null, 'GINEConv');
    const width = xSrc.shape[1];
    if (xDst.shape[1] !== width) {
      throw new ShapeError('x[1]', `GINEConv sums source and target features: widths must agree, got ${width} and ${xDst.shape[1]}`);
    }
    assertEdgeIndex(edgeIndex, 'GINEConv');
    if (!(edgeAttr instanceof tf.Tensor)) throw new ShapeError('edgeAttr', 'GINEConv needs edge features edgeAttr [E, edgeDim]');
    assertPerEdge(edgeAttr, edgeIndex.shape[1], 'edgeAttr', 'GINEConv');
    const attrWidth = edgeAttr.rank === 1 ? 1 : edgeAttr.shape[1];
    const expected = this.edgeDim ?? width;
    if (edgeAttr.rank > 2 || attrWidth !== expected) {
      const why = this.edgeDim === null ? ' (the node width: build the layer with edgeDim to map other widths)' : '';
      throw new ShapeError('edgeAttr', `GINEConv expects [E, ${expected}]${why}, got [${edgeAttr.shape.join(', ')}]`);
    }
    if (this.lin !== null && this.lin.outChannels !== width) {
      throw new ShapeError('x', `GINEConv maps edge features to ${this.lin.outChannels} channels (its nn's input), got node features [${xSrc.shape.join(', ')}]`);
    }
    return tf.tidy(() => {
      const attr = edgeFeatureMatrix(edgeAttr)!;
      const e = this.lin === null ? attr : this.lin.forward(attr);
      const aggregated = this.propagate(edgeIndex, { x: [xSrc, xDst], e });
      return this.nn.forward(tf.add(aggregated, tf.mul(tf.add(1, this.eps), xDst))) as tf.Tensor2D;
    });
  }

  /** `ReLU(x_j + e_ji)`: the edge term differs per edge, so the messages are built. */
  protected override message(ctx: MessageContext): tf.Tensor {
    return tf.relu(tf.add(ctx.j('x'), ctx.edge('e')));
  }

  override toString(): string {
    return `GINEConv(nn=${this.nn.toString()})`;
  }
}

/** PyG's inference of `nn`'s input width: its first module's `in_features` (or the module's own). */
function inputWidthOf(nn: UnaryModule): number {
  const first = nn instanceof Sequential ? nn.layers[0] : nn;
  const width = (first as { inChannels?: unknown } | undefined)?.inChannels;
  if (typeof width !== 'number') throw new ShapeError('nn', 'GINEConv could not infer the input channels of nn (its first module has no inChannels)');
  return width;
}
