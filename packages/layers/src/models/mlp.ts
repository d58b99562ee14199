import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError } from '@gnnjs/core';
import { elu, leakyRelu, relu } from '../nn/activations.js';
import { dropout as applyDropout } from '../nn/dropout.js';
import { Identity } from '../nn/identity.js';
import { Linear, assertChannels } from '../nn/linear.js';
import { ModuleList } from '../nn/module_list.js';
import { BatchNorm } from '../norm/batch_norm.js';
import { LayerNorm } from '../norm/layer_norm.js';

/** The activations {@link MLP} resolves by name (PyG's `activation_resolver`). */
export type MLPActivation = 'relu' | 'elu' | 'leaky_relu';

/** The normalisations {@link MLP} resolves by name: PyG's `BatchNorm` or `LayerNorm` (mode `'graph'`). */
export type MLPNorm = 'batch_norm' | 'layer_norm';

/** Options of {@link MLP}, PyG 2.6's keyword arguments in camelCase. */
export interface MLPOptions {
  /** Dropout after each hidden layer, or one value per layer (default 0; the last is 0 with `plainLast`). */
  dropout?: number | readonly number[];
  /** Activation after each hidden layer (default `'relu'`; `null`: none). */
  act?: MLPActivation | null;
  /** Apply the activation before the normalisation (default `false`). */
  actFirst?: boolean;
  /** Normalisation of each hidden layer (default `'batch_norm'`, PyG's default; `null`: none). */
  norm?: MLPNorm | null;
  /** No normalisation, activation or dropout after the last layer (default `true`). */
  plainLast?: boolean;
  /** Bias of each `Linear`, or one value per layer (default `true`). */
  bias?: boolean | readonly boolean[];
}

/** The widths of an {@link MLP} given as PyG's `in_channels`, `hidden_channels`, `out_channels`, `num_layers`. */
export interface MLPChannels {
  inChannels: number;
  hiddenChannels?: number;
  outChannels: number;
  numLayers: number;
}

type Norm = BatchNorm | LayerNorm | Identity;

/**
 * PyG's `MLP`: for every layer but the last,
 * `x ← dropout(act(norm(lin_k(x))))` (with `actFirst`: `norm(act(…))`),
 * then the last `Linear` plain (`plainLast`). Widths come from
 * `channelList` (`[6, 16, 16, 4]` = three layers) or from
 * `{ inChannels, hiddenChannels, outChannels, numLayers }`.
 *
 * Parameters, named as in PyG: `lins.k.weight`, `lins.k.bias` (PyG's
 * `Linear`: kaiming-uniform weight, uniform bias) and, per hidden layer,
 * `norms.k.module.*` (`BatchNorm`, with its running statistics as buffers) or
 * `norms.k.weight`/`bias` (`LayerNorm`). `forward(x, batch?, batchSize?)`
 * hands `batch` to `LayerNorm` as PyG does.
 *
 * @example
 * ```ts
 * const mlp = new MLP([6, 16, 16, 4], { dropout: 0.5 });
 * mlp.toString(); // 'MLP(6, 16, 16, 4)'
 * const y = mlp.forward(tf.randomNormal([10, 6]) as tf.Tensor2D); // [10, 4]
 * ```
 */
export class MLP extends Module {
  readonly channelList: readonly number[];
  readonly dropout: readonly number[];
  readonly act: MLPActivation | null;
  readonly actFirst: boolean;
  readonly norm: MLPNorm | null;
  readonly plainLast: boolean;
  readonly bias: readonly boolean[];
  readonly lins: ModuleList<Linear>;
  readonly norms: ModuleList<Norm>;

  constructor(channels: readonly number[] | MLPChannels, options: MLPOptions = {}) {
    super();
    const { dropout = 0, act = 'relu', actFirst = false, norm = 'batch_norm', plainLast = true, bias = true } = options;
    const channelList = Array.isArray(channels) ? [...(channels as readonly number[])] : channelListOf(channels as MLPChannels);
    if (channelList.length < 2) throw new ShapeError('channelList', `MLP needs at least 2 widths, got [${channelList.join(', ')}]`);
    channelList.forEach((c) => assertChannels(c, 'channelList'));
    const layers = channelList.length - 1;
    const dropouts = typeof dropout === 'number' ? Array.from({ length: layers }, (_, k) => (plainLast && k === layers - 1 ? 0 : dropout)) : [...dropout];
    if (dropouts.length !== layers) throw new ShapeError('dropout', `MLP has ${layers} layers but got ${dropouts.length} dropout values`);
    for (const p of dropouts) if (!(p >= 0 && p < 1)) throw new ShapeError('dropout', `expected probabilities in [0, 1), got ${p}`);
    const biases = typeof bias === 'boolean' ? Array.from({ length: layers }, () => bias) : [...bias];
    if (biases.length !== layers) throw new ShapeError('bias', `MLP has ${layers} layers but got ${biases.length} bias values`);
    if (act !== null && !['relu', 'elu', 'leaky_relu'].includes(act)) throw new ShapeError('act', `expected 'relu', 'elu', 'leaky_relu' or null, got '${String(act)}'`);
    if (norm !== null && norm !== 'batch_norm' && norm !== 'layer_norm') throw new ShapeError('norm', `expected 'batch_norm', 'layer_norm' or null, got '${String(norm)}'`);
    this.channelList = channelList;
    this.dropout = dropouts;
    this.act = act;
    this.actFirst = actFirst;
    this.norm = norm;
    this.plainLast = plainLast;
    this.bias = biases;
    this.lins = this.registerModule('lins', new ModuleList(biases.map((b, k) => new Linear(channelList[k]!, channelList[k + 1]!, { bias: b }))));
    const normed = plainLast ? channelList.slice(1, -1) : channelList.slice(1);
    const makeNorm = (c: number): Norm => (norm === 'batch_norm' ? new BatchNorm(c) : norm === 'layer_norm' ? new LayerNorm(c) : new Identity());
    this.norms = this.registerModule('norms', new ModuleList(normed.map(makeNorm)));
  }

  /** Input width. */
  get inChannels(): number {
    return this.channelList[0]!;
  }

  /** Output width. */
  get outChannels(): number {
    return this.channelList[this.channelList.length - 1]!;
  }

  /** Number of `Linear` layers. */
  get numLayers(): number {
    return this.channelList.length - 1;
  }

  /** Redraws every `Linear` and resets every normalisation. */
  resetParameters(): void {
    for (const lin of this.lins) lin.resetParameters();
    for (const n of this.norms) if (!(n instanceof Identity)) n.resetParameters();
  }

  /** `[N, channelList[0]]` → `[N, channelList[-1]]`; `batch` and `batchSize` go to `LayerNorm`. */
  forward(x: tf.Tensor2D, batch?: tf.Tensor1D | null, batchSize?: number): tf.Tensor2D {
    return tf.tidy(() => {
      let h = x;
      this.norms.modules.forEach((norm, k) => {
        h = this.lins.at(k).forward(h);
        if (this.actFirst) h = this.activate(h);
        h = norm instanceof LayerNorm ? norm.forward(h, batch, batchSize) : norm.forward(h);
        if (!this.actFirst) h = this.activate(h);
        h = applyDropout(h, this.dropout[k]!, this.training);
      });
      if (this.plainLast) {
        h = this.lins.at(-1).forward(h);
        h = applyDropout(h, this.dropout[this.dropout.length - 1]!, this.training);
      }
      return h;
    });
  }

  override toString(): string {
    return `MLP(${this.channelList.join(', ')})`;
  }

  private activate(h: tf.Tensor2D): tf.Tensor2D {
    switch (this.act) {
      case 'relu':
        return relu(h);
      case 'elu':
        return elu(h);
      case 'leaky_relu':
        return leakyRelu(h);
      default:
        return h;
    }
  }
}

function channelListOf({ inChannels, hiddenChannels, outChannels, numLayers }: MLPChannels): number[] {
  if (!Number.isInteger(numLayers) || numLayers < 1) throw new ShapeError('numLayers', `expected a positive integer, got ${numLayers}`);
  if (numLayers > 1 && hiddenChannels === undefined) throw new ShapeError('hiddenChannels', `MLP needs hiddenChannels for numLayers=${numLayers}`);
  return [inChannels, ...Array.from({ length: numLayers - 1 }, () => hiddenChannels!), outChannels];
}
