/**
 * What every fraud / churn model is: a module of a heterogeneous graph's
 * features and edges that scores each row of one node type (one logit per
 * row), optionally with its attention per layer and relation, and optionally
 * with PyG-style edge masks for gradient attributions.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { Module } from '@gnnjs/core';
import type { EdgeIndexDict, HeteroAttention, WidthDict, XDict } from '@gnnjs/layers';
import type { FraudModelName } from './config.js';

/** A forward pass with attention: logits of every target row, and each attention layer's coefficients by relation. */
export interface FraudModelOutput {
  /** `[N_target]` logits (score = sigmoid). */
  logits: tf.Tensor1D;
  /** Attention by layer (`'conv1'`, `'conv2'`, …), then relation `'src__rel__dst'`; the caller owns the tensors. */
  attention: Record<string, HeteroAttention>;
}

/** Options of {@link FraudModel.forward}. */
export interface FraudForwardOptions {
  /** Also return the attention of each layer, by relation (default `false`; models without attention return `{}`). */
  returnAttentionWeights?: boolean;
}

/**
 * A model of `@gnnjs/train`'s fraud registry ({@link buildFraudModel}).
 * `forward(xDict, edgeIndexDict)` gives `[N_target]` logits, one per row of
 * `targetType` (PyG's `model(x_dict, edge_index_dict)[target]`).
 */
export abstract class FraudModel extends Module {
  abstract readonly name: FraudModelName;
  /** The node type whose rows are scored. */
  abstract readonly targetType: string;
  /** Whether the output reads the graph (`false`: a per-row baseline; loaders need not sample neighbours). */
  abstract readonly usesGraph: boolean;
  /** Whether {@link setEdgeMasks} is supported (message-passing layers only, as in PyG). */
  abstract readonly supportsEdgeMasks: boolean;

  /** Logits `[N_target]`; with `returnAttentionWeights`, also the attention per layer and relation. */
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options: FraudForwardOptions & { returnAttentionWeights: true }): FraudModelOutput;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options?: FraudForwardOptions & { returnAttentionWeights?: false }): tf.Tensor1D;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options?: FraudForwardOptions): tf.Tensor1D | FraudModelOutput;
  forward(xDict: XDict, edgeIndexDict: EdgeIndexDict, options: FraudForwardOptions = {}): tf.Tensor1D | FraudModelOutput {
    const out = this.run(xDict, edgeIndexDict, options.returnAttentionWeights === true);
    return options.returnAttentionWeights === true ? out : out.logits;
  }

  /** The forward pass itself (attention only when asked: it costs a copy of every relation's edges). */
  protected abstract run(xDict: XDict, edgeIndexDict: EdgeIndexDict, withAttention: boolean): FraudModelOutput;

  /**
   * Sets (or with `null` clears) a multiplier per edge of each relation on
   * every message-passing layer that reads it (core's
   * `MessagePassing.explainEdgeMask`): with masks of ones the output is
   * unchanged and its gradient with respect to them attributes it to edges.
   */
  abstract setEdgeMasks(masks: Readonly<Record<string, tf.Tensor1D>> | null): void;

  /** Builds lazy layers for these input widths (a forward pass on inputs without rows). */
  abstract materialize(widths: WidthDict): this;
}
