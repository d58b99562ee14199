import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '@gnnjs/core';
import { Dropout, HGTConv, HeteroDictLinear, Linear, ModuleList, type EdgeIndexDict, type HeteroAttention, type HeteroMetadata, type WidthDict, type XDict } from '@gnnjs/layers';
import type { FraudHyperParameters } from './config.js';
import { attentionWidth, checkTarget } from './hetero_attention_model.js';
import { FraudModel, type FraudModelOutput } from './model.js';

/**
 * PyG's `examples/hetero/hgt_dblp.py` for one target type: a linear map per
 * node type to `hidden` with ReLU, `layers` HGT layers (`HGTConv(hidden,
 * hidden, metadata, heads)`: one softmax over all relations into a node, a
 * gated skip), dropout between them, and a linear map of the target type to
 * one logit.
 *
 * @example
 * ```ts
 * const model = new HGTFraudModel(graph.metadata(), 'transactions', hp).materialize(widths);
 * ```
 */
export class HGTFraudModel extends FraudModel {
  readonly name = 'hgt' as const;
  readonly targetType: string;
  readonly usesGraph = true;
  readonly supportsEdgeMasks = false;
  readonly linDict: HeteroDictLinear;
  readonly convs: ModuleList<HGTConv>;
  readonly lin: Linear;
  readonly #dropout: Dropout;

  constructor(metadata: HeteroMetadata, targetType: string, hp: FraudHyperParameters) {
    super();
    checkTarget(metadata, targetType);
    attentionWidth(hp);
    this.targetType = targetType;
    this.linDict = this.registerModule('lin_dict', new HeteroDictLinear(-1, hp.hidden, { types: metadata[0] }));
    this.convs = this.registerModule('convs', new ModuleList(Array.from({ length: hp.layers }, () => new HGTConv(hp.hidden, hp.hidden, metadata, { heads: hp.heads }))));
    this.lin = this.registerModule('lin', new Linear(hp.hidden, 1));
    this.#dropout = this.registerModule('dropout', new Dropout(hp.dropout));
  }

  protected run(xDict: XDict, edgeIndexDict: EdgeIndexDict, withAttention: boolean): FraudModelOutput {
    return tf.tidy(() => {
      let h = Object.fromEntries(Object.entries(this.linDict.forward(xDict)).map(([t, v]) => [t, tf.relu(v) as tf.Tensor2D]));
      const attention: Record<string, HeteroAttention> = {};
      this.convs.modules.forEach((conv, l) => {
        if (withAttention) {
          const out = conv.forward(h, edgeIndexDict, { returnAttentionWeights: true });
          attention[`conv${l + 1}`] = out.attention;
          h = out.output;
        } else {
          h = conv.forward(h, edgeIndexDict);
        }
        h = Object.fromEntries(Object.entries(h).map(([t, v]) => [t, this.#dropout.forward(v)]));
      });
      const target = h[this.targetType];
      if (target === undefined) throw new GraphValidationError('edgeIndexDict', `HGT: no relation points at the target type '${this.targetType}'`);
      return { logits: tf.reshape(this.lin.forward(target), [-1]), attention } as unknown as tf.TensorContainer;
    }) as unknown as FraudModelOutput;
  }

  setEdgeMasks(masks: Readonly<Record<string, tf.Tensor1D>> | null): void {
    if (masks !== null) {
      throw new GraphValidationError('model', 'HGT runs its relations as one softmax outside MessagePassing: edge masks are not supported (use its attention, or feature attributions)');
    }
  }

  materialize(widths: WidthDict): this {
    const empty = Object.fromEntries(Object.entries(widths).map(([t, w]) => [t, tf.zeros([0, w]) as tf.Tensor2D]));
    tf.dispose(this.linDict.forward(empty));
    tf.dispose(Object.values(empty));
    return this;
  }
}
