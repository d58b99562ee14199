import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, edgeTypeKey, type EdgeType } from '@gnnjs/core';
import { Dropout, GATConv, Linear, ModuleList, type EdgeIndexDict, type HeteroMetadata, type WidthDict, type XDict } from '@gnnjs/layers';
import type { FraudHyperParameters } from './config.js';
import { attentionWidth, checkTarget } from './hetero_attention_model.js';
import { FraudModel, type FraudModelOutput } from './model.js';

/**
 * The homogeneous baseline: the heterogeneous graph flattened as
 * `HeteroGraph.toHomogeneous` lays it out (node types one after another,
 * every edge type merged into one, ids offset per type), each type's
 * features in its own block of columns plus a one-hot of the type (a
 * homogeneous layer needs one width), then the same GAT as `hetero-gat`
 * (`layers` × `GATConv(-1, hidden / heads, heads, residual=True)` with
 * self-loops, ELU, dropout) and one logit for the target type's rows. It
 * sees the same features and edges but not which relation an edge is.
 *
 * @example
 * ```ts
 * const flat = new FlatGATFraudModel(graph.metadata(), 'transactions', hp).materialize(widths);
 * ```
 */
export class FlatGATFraudModel extends FraudModel {
  readonly name = 'gat-flat' as const;
  readonly targetType: string;
  readonly usesGraph = true;
  readonly supportsEdgeMasks = true;
  readonly nodeTypes: readonly string[];
  readonly edgeTypes: readonly EdgeType[];
  readonly convs: ModuleList<GATConv>;
  readonly lin: Linear;
  readonly #dropout: Dropout;
  #masks: Readonly<Record<string, tf.Tensor1D>> | null = null;
  #widths: Record<string, number> | undefined;

  constructor(metadata: HeteroMetadata, targetType: string, hp: FraudHyperParameters) {
    super();
    checkTarget(metadata, targetType);
    this.targetType = targetType;
    this.nodeTypes = [...metadata[0]];
    this.edgeTypes = [...metadata[1]];
    const perHead = attentionWidth(hp);
    this.convs = this.registerModule(
      'convs',
      new ModuleList(Array.from({ length: hp.layers }, (_, l) => new GATConv(l === 0 ? -1 : hp.hidden, perHead, { heads: hp.heads, residual: true }))),
    );
    this.lin = this.registerModule('lin', new Linear(hp.hidden, 1));
    this.#dropout = this.registerModule('dropout', new Dropout(hp.dropout));
  }

  protected run(xDict: XDict, edgeIndexDict: EdgeIndexDict, _withAttention: boolean): FraudModelOutput {
    const widths = this.widthsOf(xDict);
    return tf.tidy(() => {
      const counts = this.nodeTypes.map((t) => xDict[t]?.shape[0] ?? 0);
      const offsets = counts.map((_, k) => counts.slice(0, k).reduce((a, b) => a + b, 0));
      const columns = this.nodeTypes.map((t) => widths[t]!);
      const total = columns.reduce((a, b) => a + b, 0);
      const T = this.nodeTypes.length;
      const blocks = this.nodeTypes.map((t, k) => {
        const x = xDict[t] ?? (tf.zeros([0, columns[k]!]) as tf.Tensor2D);
        const left = columns.slice(0, k).reduce((a, b) => a + b, 0);
        const padded = tf.pad(x, [[0, 0], [left, total - left - columns[k]!]]);
        const indicator = tf.tile(tf.oneHot(tf.tensor1d([k], 'int32'), T), [counts[k]!, 1]);
        return tf.concat([padded, indicator], 1);
      });
      const x = tf.concat(blocks, 0) as tf.Tensor2D;
      const at = (t: string): number => offsets[this.nodeTypes.indexOf(t)]!;
      // Relations without edges are left out: tfjs-cpu concatenates empty int32 tensors into a plain Array.
      const present = this.edgeTypes.filter((type) => (edgeIndexDict[edgeTypeKey(type)]?.shape[1] ?? 0) > 0);
      const edgeIndex = (
        present.length === 0
          ? tf.zeros([2, 0], 'int32')
          : tf.concat(present.map((type) => tf.add(edgeIndexDict[edgeTypeKey(type)]!, tf.tensor2d([[at(type[0])], [at(type[2])]], [2, 1], 'int32'))), 1)
      ) as tf.Tensor2D;
      const masks = this.#masks;
      const mask =
        masks === null
          ? null
          : ((present.length === 0 ? tf.zeros([0]) : tf.concat(present.map((type) => masks[edgeTypeKey(type)] ?? tf.ones([edgeIndexDict[edgeTypeKey(type)]!.shape[1]])))) as tf.Tensor1D);
      let h = x;
      for (const conv of this.convs.modules) {
        conv.explainEdgeMask = mask;
        try {
          h = this.#dropout.forward(tf.elu(conv.forward(h, edgeIndex)));
        } finally {
          conv.explainEdgeMask = null;
        }
      }
      const target = tf.slice(h, [at(this.targetType), 0], [counts[this.nodeTypes.indexOf(this.targetType)]!, h.shape[1]]);
      return { logits: tf.reshape(this.lin.forward(target), [-1]), attention: {} } as unknown as tf.TensorContainer;
    }) as unknown as FraudModelOutput;
  }

  setEdgeMasks(masks: Readonly<Record<string, tf.Tensor1D>> | null): void {
    this.#masks = masks;
  }

  materialize(widths: WidthDict): this {
    const empty = Object.fromEntries(this.nodeTypes.map((t) => [t, tf.zeros([0, widths[t] ?? 0]) as tf.Tensor2D]));
    const edges = Object.fromEntries(this.edgeTypes.map((type) => [edgeTypeKey(type), tf.zeros([2, 0], 'int32') as tf.Tensor2D]));
    tf.dispose(this.run(empty, edges, false).logits);
    tf.dispose([...Object.values(empty), ...Object.values(edges)]);
    return this;
  }

  /** Each type's width, fixed at the first call (the column blocks must not move). */
  private widthsOf(xDict: XDict): Record<string, number> {
    const seen = Object.fromEntries(this.nodeTypes.map((t) => [t, xDict[t]?.shape[1] ?? this.#widths?.[t] ?? 0]));
    if (this.#widths === undefined) {
      this.#widths = seen;
      return seen;
    }
    for (const t of this.nodeTypes) {
      if (xDict[t] !== undefined && seen[t] !== this.#widths[t]) {
        throw new GraphValidationError(`xDict['${t}']`, `gat-flat was built for ${this.#widths[t]} features of '${t}', got ${seen[t]}`);
      }
    }
    return this.#widths;
  }
}
