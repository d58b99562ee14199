import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, MessagePassing, edgeTypeKey } from '@gnnjs/core';
import {
  Dropout,
  GATConv,
  GATv2Conv,
  GraphSequential,
  Linear,
  elu,
  key2str,
  toHetero,
  type EdgeIndexDict,
  type GraphStep,
  type HeteroMetadata,
  type ModuleDict,
  type ToHeteroModule,
  type WidthDict,
  type XDict,
} from '@gnnjs/layers';
import type { FraudHyperParameters } from './config.js';
import { FraudModel, type FraudModelOutput } from './model.js';

/**
 * `toHetero` of a GAT (or GATv2): per layer, one attention layer per relation
 * on `(x_src, x_dst)`, outputs summed per node type, ELU and dropout; then a
 * linear map of the target type to one logit. Each relation's layer is
 * `GATConv((-1, -1), hidden / heads, heads, add_self_loops=False,
 * residual=True)`: a bipartite relation cannot add self-loops, so the linear
 * skip (`res`) carries a node's own features (PyG's heterogeneous examples add
 * `lin(x)` for the same reason).
 *
 * `h^(ℓ)_v = Dropout(ELU(Σ_r GAT^(ℓ,r)(h^(ℓ-1)_src, h^(ℓ-1)_v))), logit_v = w·h^(L)_v + b`.
 *
 * @example
 * ```ts
 * const model = new HeteroAttentionFraudModel('hetero-gat', graph.metadata(), 'transactions', hp).materialize(widths);
 * const logits = model.forward(graph.xDict(), graph.edgeIndexDict()); // [N_transactions]
 * ```
 */
export class HeteroAttentionFraudModel extends FraudModel {
  readonly name: 'hetero-gat' | 'hetero-gatv2';
  readonly targetType: string;
  readonly usesGraph = true;
  readonly supportsEdgeMasks = true;
  readonly gnn: ToHeteroModule;
  readonly lin: Linear;
  readonly #convNames: readonly string[];

  constructor(kind: 'hetero-gat' | 'hetero-gatv2', metadata: HeteroMetadata, targetType: string, hp: FraudHyperParameters) {
    super();
    checkTarget(metadata, targetType);
    this.name = kind;
    this.targetType = targetType;
    const perHead = attentionWidth(hp);
    const conv = (): GATConv | GATv2Conv => {
      const options = { heads: hp.heads, addSelfLoops: false, residual: true };
      return kind === 'hetero-gat' ? new GATConv([-1, -1], perHead, options) : new GATv2Conv([-1, -1], perHead, options);
    };
    const steps: GraphStep[] = [];
    const names: string[] = [];
    for (let l = 1; l <= hp.layers; l++) {
      names.push(`conv${l}`);
      steps.push([`conv${l}`, conv], elu);
      if (hp.dropout > 0) steps.push([`dropout${l}`, () => new Dropout(hp.dropout)]);
    }
    this.#convNames = names;
    const sequential = new GraphSequential(steps);
    try {
      this.gnn = this.registerModule('gnn', toHetero(sequential, metadata, { aggr: 'sum' }));
    } finally {
      sequential.dispose();
    }
    this.lin = this.registerModule('lin', new Linear(perHead * hp.heads, 1));
  }

  protected run(xDict: XDict, edgeIndexDict: EdgeIndexDict, withAttention: boolean): FraudModelOutput {
    return tf.tidy(() => {
      const { output, attention } = withAttention
        ? this.gnn.forward(xDict, edgeIndexDict, { returnAttentionWeights: true })
        : { output: this.gnn.forward(xDict, edgeIndexDict), attention: {} };
      const logits = tf.reshape(this.lin.forward(output[this.targetType]!), [-1]) as tf.Tensor1D;
      return { logits, attention } as unknown as tf.TensorContainer;
    }) as unknown as FraudModelOutput;
  }

  setEdgeMasks(masks: Readonly<Record<string, tf.Tensor1D>> | null): void {
    for (const name of this.#convNames) {
      const layers = new Map(this.gnn.namedChildren()).get(name) as ModuleDict;
      for (const type of this.gnn.edgeTypes) {
        const layer = layers.get(key2str(type)) as MessagePassing;
        layer.explainEdgeMask = masks === null ? null : (masks[edgeTypeKey(type)] ?? null);
      }
    }
  }

  materialize(widths: WidthDict): this {
    this.gnn.materialize(widths);
    return this;
  }
}

/** Channels per head: `hidden / heads`, which must be whole. */
export function attentionWidth(hp: FraudHyperParameters): number {
  if (!Number.isInteger(hp.hidden / hp.heads)) {
    throw new GraphValidationError('heads', `hidden (${hp.hidden}) must be divisible by heads (${hp.heads})`);
  }
  return hp.hidden / hp.heads;
}

/** The target must be one of the graph's node types. */
export function checkTarget(metadata: HeteroMetadata, targetType: string): void {
  if (!metadata[0].includes(targetType)) {
    throw new GraphValidationError('targetType', `'${targetType}' is not a node type of the graph (${metadata[0].join(', ')})`);
  }
}

/** Whether a module is a message-passing layer (edge masks apply to those). */
export function isMessagePassing(module: unknown): module is MessagePassing {
  return module instanceof MessagePassing;
}
