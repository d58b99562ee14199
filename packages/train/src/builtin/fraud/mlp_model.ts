import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError } from '@gnnjs/core';
import { Dropout, Linear, ModuleList, type EdgeIndexDict, type HeteroMetadata, type WidthDict, type XDict } from '@gnnjs/layers';
import type { FraudHyperParameters } from './config.js';
import { checkTarget } from './hetero_attention_model.js';
import { FraudModel, type FraudModelOutput } from './model.js';

/**
 * The per-row baseline: an MLP of the target rows' own features, no graph
 * (`layers` hidden layers of `hidden` with ReLU and dropout, then one
 * logit). It reads the same `xDict` as the graph models, so the difference
 * in their scores is what the graph adds.
 *
 * @example
 * ```ts
 * const mlp = new MLPFraudModel(graph.metadata(), 'transactions', hp).materialize(widths);
 * ```
 */
export class MLPFraudModel extends FraudModel {
  readonly name = 'mlp' as const;
  readonly targetType: string;
  readonly usesGraph = false;
  readonly supportsEdgeMasks = false;
  readonly lins: ModuleList<Linear>;
  readonly #dropout: Dropout;

  constructor(metadata: HeteroMetadata, targetType: string, hp: FraudHyperParameters) {
    super();
    checkTarget(metadata, targetType);
    this.targetType = targetType;
    const widths = [-1, ...Array.from({ length: hp.layers }, () => hp.hidden)];
    this.lins = this.registerModule('lins', new ModuleList([...widths.slice(0, -1).map((w, k) => new Linear(w, widths[k + 1]!)), new Linear(hp.hidden, 1)]));
    this.#dropout = this.registerModule('dropout', new Dropout(hp.dropout));
  }

  protected run(xDict: XDict, _edgeIndexDict: EdgeIndexDict, _withAttention: boolean): FraudModelOutput {
    const x = xDict[this.targetType];
    if (x === undefined) throw new GraphValidationError(`xDict['${this.targetType}']`, 'the target type has no features');
    return tf.tidy(() => {
      let h: tf.Tensor2D = x;
      const last = this.lins.length - 1;
      this.lins.modules.forEach((lin, k) => {
        h = lin.forward(h);
        if (k < last) h = this.#dropout.forward(tf.relu(h));
      });
      return { logits: tf.reshape(h, [-1]), attention: {} } as unknown as tf.TensorContainer;
    }) as unknown as FraudModelOutput;
  }

  setEdgeMasks(masks: Readonly<Record<string, tf.Tensor1D>> | null): void {
    if (masks !== null) throw new GraphValidationError('model', 'the MLP reads no edges: there is nothing to mask');
  }

  materialize(widths: WidthDict): this {
    const w = widths[this.targetType];
    if (w === undefined) throw new GraphValidationError(`widths['${this.targetType}']`, 'the target type has no width');
    tf.tidy(() => this.lins.modules[0]!.forward(tf.zeros([0, w])));
    return this;
  }
}
