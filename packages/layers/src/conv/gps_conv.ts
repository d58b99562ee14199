import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError } from '@gnnjs/core';
import { ELU, LeakyReLU, ReLU } from '../nn/activations.js';
import { Dropout, dropout } from '../nn/dropout.js';
import { assertChannels } from '../nn/linear.js';
import { MultiheadAttention } from '../nn/multihead_attention.js';
import { Sequential } from '../nn/sequential.js';
import { TorchLinear } from '../nn/torch_linear.js';
import { BatchNorm } from '../norm/batch_norm.js';
import { LayerNorm } from '../norm/layer_norm.js';

/** The local message-passing layer of {@link GPSConv}: any layer with `forward(x, edgeIndex[, edgeAttr])` keeping the width. */
export interface GPSLocalConv extends Module {
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, edgeAttr?: tf.Tensor): tf.Tensor2D;
}

/** Normalisations of {@link GPSConv} (PyG's `normalization_resolver` names). */
export type GPSNorm = 'batch_norm' | 'layer_norm';
/** Activations of the MLP of {@link GPSConv}. */
export type GPSActivation = 'relu' | 'elu' | 'leaky_relu';

/** Options of {@link GPSConv}, PyG 2.6's keyword arguments in camelCase. */
export interface GPSConvOptions {
  /** Attention heads (default 1; must divide `channels`). */
  heads?: number;
  /** Dropout of the local and global outputs and inside the MLP (default 0). */
  dropout?: number;
  /** Dropout of the attention weights (PyG's `attn_kwargs={'dropout': p}`; default 0). */
  attnDropout?: number;
  /** Activation of the MLP (default `'relu'`). */
  act?: GPSActivation;
  /** `'batch_norm'` (default), `'layer_norm'` (PyG's graph-wise `LayerNorm`, given `batch`) or `null` (none). */
  norm?: GPSNorm | null;
  /** Global attention: `'multihead'` only (PyG's default; `'performer'` is not implemented). */
  attnType?: 'multihead';
}

/** What {@link GPSConv.forward} takes besides `x` and `edgeIndex`. */
export interface GPSConvForwardOptions {
  /** `[N]` graph id of each node (sorted or not); default: every node in one graph. */
  batch?: tf.Tensor1D | null | undefined;
  /** Number of graphs (default `max(batch) + 1`, read back from the device). */
  numGraphs?: number | undefined;
  /** Passed to the local layer as its third argument (e.g. `GINEConv`'s edge features). */
  edgeAttr?: tf.Tensor | undefined;
}

type Norm = BatchNorm | LayerNorm;

function activation(act: GPSActivation): Module & { forward(x: tf.Tensor): tf.Tensor } {
  if (act === 'relu') return new ReLU();
  if (act === 'elu') return new ELU();
  return new LeakyReLU();
}

/**
 * The GPS graph transformer layer of Rampášek et al. (2022), PyG's `GPSConv`:
 *
 * `h_L = norm1(dropout(conv(x, edgeIndex)) + x)` (skipped without `conv`),
 * `h_G = norm2(dropout(MHA(x)) + x)`, where `MHA` is multi-head
 * self-attention among the nodes of each graph of the batch only,
 * `out = h_L + h_G`, `out = norm3(out + mlp(out))`,
 * `mlp = Linear(C, 2C) → act → Dropout → Linear(2C, C) → Dropout`.
 *
 * PyG builds the global attention from `to_dense_batch` and
 * `torch.nn.MultiheadAttention` with a key padding mask; here it is
 * {@link MultiheadAttention} on core's `segmentAttention` kernel, with the
 * same numbers and no padded `[B, Nmax, Nmax]` batch. Positional encodings
 * (`AddRandomWalkPE`, `AddLaplacianEigenvectorPE` in `@gnnjs/datasets`) are
 * added to the features beforehand, as in PyG.
 *
 * Parameter names as PyG's: `conv.*`, `attn.in_proj_weight`,
 * `attn.in_proj_bias`, `attn.out_proj.*`, `mlp.0.*`, `mlp.3.*`,
 * `norm1.module.*` (… `norm3`). Input `x: [N, C]`, output `[N, C]`.
 *
 * @example
 * ```ts
 * const nn = new Sequential(new TorchLinear(16, 16), new ReLU(), new TorchLinear(16, 16));
 * const gps = new GPSConv(16, new GINConv(nn), { heads: 2, norm: 'batch_norm' });
 * const out = gps.forward(batch.x!, batch.edgeIndex, { batch: batch.batch, numGraphs: batch.numGraphs }); // [N, 16]
 * ```
 */
export class GPSConv extends Module {
  readonly channels: number;
  readonly conv: GPSLocalConv | null;
  readonly heads: number;
  readonly dropout: number;
  readonly attnType: 'multihead';
  readonly attn: MultiheadAttention;
  readonly mlp: Sequential;
  readonly norm1: Norm | null;
  readonly norm2: Norm | null;
  readonly norm3: Norm | null;

  constructor(channels: number, conv: GPSLocalConv | null, options: GPSConvOptions = {}) {
    super();
    const { heads = 1, dropout: p = 0, attnDropout = 0, act = 'relu', norm = 'batch_norm', attnType = 'multihead' } = options;
    assertChannels(channels, 'channels');
    if (!(p >= 0 && p < 1)) throw new ShapeError('dropout', `expected a probability in [0, 1), got ${p}`);
    if (!['relu', 'elu', 'leaky_relu'].includes(act)) throw new ShapeError('act', `expected 'relu', 'elu' or 'leaky_relu', got '${String(act)}'`);
    if (norm !== null && norm !== 'batch_norm' && norm !== 'layer_norm') {
      throw new ShapeError('norm', `expected 'batch_norm', 'layer_norm' or null, got '${String(norm)}'`);
    }
    if (attnType !== 'multihead') throw new ShapeError('attnType', `only 'multihead' is supported, got '${String(attnType)}'`);
    this.channels = channels;
    this.heads = heads;
    this.dropout = p;
    this.attnType = attnType;
    this.conv = conv === null ? null : this.registerModule('conv', conv);
    this.attn = this.registerModule('attn', new MultiheadAttention(channels, heads, { dropout: attnDropout }));
    this.mlp = this.registerModule(
      'mlp',
      new Sequential(new TorchLinear(channels, 2 * channels), activation(act), new Dropout(p), new TorchLinear(2 * channels, channels), new Dropout(p)),
    );
    const makeNorm = (name: string): Norm | null =>
      norm === null ? null : this.registerModule(name, norm === 'batch_norm' ? new BatchNorm(channels) : new LayerNorm(channels));
    this.norm1 = makeNorm('norm1');
    this.norm2 = makeNorm('norm2');
    this.norm3 = makeNorm('norm3');
  }

  /** Resets the local layer (when it can), the attention, the MLP and the norms. */
  resetParameters(): void {
    const reset = (m: Module | null): void => {
      const f = (m as { resetParameters?: () => void } | null)?.resetParameters;
      if (typeof f === 'function') f.call(m);
    };
    reset(this.conv);
    this.attn.resetParameters();
    for (const layer of this.mlp.layers) reset(layer as unknown as Module);
    for (const n of [this.norm1, this.norm2, this.norm3]) reset(n);
  }

  /** `x: [N, C]` → `[N, C]`; attention stays within each graph of `options.batch`. */
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D, options: GPSConvForwardOptions = {}): tf.Tensor2D {
    if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[1] !== this.channels) {
      throw new ShapeError('x', `GPSConv expects [N, ${this.channels}], got ${x instanceof tf.Tensor ? `[${x.shape.join(', ')}]` : typeof x}`);
    }
    const { batch = null, numGraphs, edgeAttr } = options;
    const normed = (norm: Norm | null, h: tf.Tensor2D): tf.Tensor2D =>
      norm === null ? h : norm instanceof LayerNorm ? norm.forward(h, batch, numGraphs) : norm.forward(h);
    return tf.tidy(() => {
      const parts: tf.Tensor2D[] = [];
      if (this.conv !== null) {
        const local = edgeAttr === undefined ? this.conv.forward(x, edgeIndex) : this.conv.forward(x, edgeIndex, edgeAttr);
        parts.push(normed(this.norm1, tf.add(dropout(local, this.dropout, this.training), x)));
      }
      const global = this.attn.forward(x, batch, numGraphs);
      parts.push(normed(this.norm2, tf.add(dropout(global, this.dropout, this.training), x)));
      const out = parts.length === 1 ? parts[0]! : tf.add(parts[0]!, parts[1]!);
      return normed(this.norm3, tf.add(out, this.mlp.forward(out) as tf.Tensor2D));
    });
  }

  override toString(): string {
    const conv = this.conv === null ? 'None' : this.conv.toString();
    return `GPSConv(${this.channels}, conv=${conv}, heads=${this.heads}, attn_type=${this.attnType})`;
  }
}
