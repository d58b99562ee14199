import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError, degree, nextSeed, segmentAttention } from '@gnnjs/core';
import { glorot, parameter, reinitialize } from './initializers.js';
import { assertChannels } from './linear.js';
import { matMulTransposed } from './matmul_transposed.js';
import { TorchLinear } from './torch_linear.js';

/** Options of {@link MultiheadAttention}, `torch.nn.MultiheadAttention`'s keyword arguments in camelCase. */
export interface MultiheadAttentionOptions {
  /** Dropout probability of the attention weights in training (default 0). */
  dropout?: number;
  /** Biases of the input and output projections (default `true`). */
  bias?: boolean;
}

/**
 * `torch.nn.MultiheadAttention(embedDim, numHeads, batch_first=True)` applied
 * as self-attention over each graph of a mini-batch, what PyG's `GPSConv`
 * does with `to_dense_batch` and a key padding mask, without padding:
 *
 * `[q | k | v] = x W_inᵀ + b_in`, split head-major into `H` heads of
 * `d = embedDim / H` channels; per head `a_ij = softmax_{j in graph(i)}(⟨q_i, k_j⟩ / sqrt(d))`,
 * `o_i = Σ_j a_ij v_j`; heads concatenated, then `out_proj`.
 *
 * Parameters as in PyTorch: `in_proj_weight` `[3E, E]` (rows = `[W_q; W_k; W_v]`,
 * Xavier-uniform), `in_proj_bias` `[3E]` (zeros), `out_proj.weight` `[E, E]`,
 * `out_proj.bias` (zeros). The attention runs as core's `segmentAttention`
 * kernel: O(Σ n_b²) work, no `[B, Nmax, Nmax]` batch.
 *
 * @example
 * ```ts
 * const attn = new MultiheadAttention(16, 2);
 * const out = attn.forward(x, batch.batch, batch.numGraphs); // [N, 16], nodes attend within their graph
 * ```
 */
export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly headDim: number;
  readonly dropout: number;
  readonly inProjWeight: tf.Variable;
  readonly inProjBias: tf.Variable | null;
  readonly outProj: TorchLinear;

  constructor(embedDim: number, numHeads: number, options: MultiheadAttentionOptions = {}) {
    super();
    const { dropout = 0, bias = true } = options;
    assertChannels(embedDim, 'embedDim');
    assertChannels(numHeads, 'numHeads');
    if (embedDim % numHeads !== 0) throw new ShapeError('numHeads', `embedDim (${embedDim}) must be divisible by numHeads (${numHeads})`);
    if (!(dropout >= 0 && dropout < 1)) throw new ShapeError('dropout', `expected a probability in [0, 1), got ${dropout}`);
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    this.headDim = embedDim / numHeads;
    this.dropout = dropout;
    this.inProjWeight = this.registerParameter('in_proj_weight', parameter(() => tf.zeros([3 * embedDim, embedDim])));
    this.inProjBias = bias ? this.registerParameter('in_proj_bias', parameter(() => tf.zeros([3 * embedDim]))) : null;
    this.outProj = this.registerModule('out_proj', new TorchLinear(embedDim, embedDim, { bias }));
    this.resetParameters();
  }

  /** torch's `_reset_parameters`: Xavier-uniform `in_proj_weight`, zero biases; `out_proj.weight` as `Linear`. */
  resetParameters(): void {
    reinitialize(this.inProjWeight, (s) => glorot(s));
    if (this.inProjBias !== null) reinitialize(this.inProjBias, (s) => tf.zeros([...s]));
    this.outProj.resetParameters();
    if (this.outProj.bias !== null) reinitialize(this.outProj.bias, (s) => tf.zeros([...s]));
  }

  /**
   * `x` `[N, E]` → `[N, E]`. `batch` `[N]` holds each node's graph (default:
   * one graph); `numGraphs` defaults to `max(batch) + 1` (read back from the device).
   */
  forward(x: tf.Tensor2D, batch?: tf.Tensor1D | null, numGraphs?: number): tf.Tensor2D {
    if (!(x instanceof tf.Tensor) || x.rank !== 2 || x.shape[1] !== this.embedDim) {
      throw new ShapeError('x', `MultiheadAttention expects [N, ${this.embedDim}], got ${x instanceof tf.Tensor ? `[${x.shape.join(', ')}]` : typeof x}`);
    }
    if (batch != null && (batch.rank !== 1 || batch.shape[0] !== x.shape[0])) {
      throw new ShapeError('batch', `MultiheadAttention expects [${x.shape[0]}] (one graph id per node), got [${batch.shape.join(', ')}]`);
    }
    const n = x.shape[0];
    const seed = this.training && this.dropout > 0 ? (nextSeed() ?? Math.floor(Math.random() * 2 ** 31)) : undefined;
    return tf.tidy(() => {
      let qkv = matMulTransposed(x, this.inProjWeight as tf.Tensor2D);
      if (this.inProjBias !== null) qkv = tf.add(qkv, this.inProjBias);
      const [q, k, v] = tf.split(qkv, 3, 1).map((t) => tf.reshape(t, [n, this.numHeads, this.headDim])) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
      const ids = batch ?? tf.zeros([n], 'int32');
      const graphs = numGraphs ?? (batch == null ? Math.min(n, 1) : degree(batch).shape[0]);
      const options = { scale: 1 / Math.sqrt(this.headDim), ...(seed === undefined ? {} : { dropoutRate: this.dropout, seed }) };
      const heads = segmentAttention(q, k, v, ids, graphs, options);
      return this.outProj.forward(tf.reshape(heads, [n, this.embedDim]) as tf.Tensor2D);
    });
  }

  override toString(): string {
    return `MultiheadAttention(\n  (out_proj): NonDynamicallyQuantizableLinear(in_features=${this.embedDim}, out_features=${this.embedDim}, bias=${this.inProjBias === null ? 'False' : 'True'})\n)`;
  }
}
