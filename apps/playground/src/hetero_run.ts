/**
 * The heterogeneous panel's run: a synthetic payments graph (accounts pay
 * merchants and use devices; an account's class shows only through them,
 * its own features are noise), `toHetero` of a 2-layer GAT, `fit` for the
 * accounts' classes, then the attention of every relation kept for
 * `heteroNodeAttention`. The active tfjs backend is used as it is.
 */
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed, type HeteroGraph } from '@gnnjs/core';
import { HeteroToUndirected, heteroStochasticBlockModel, heteroStochasticBlockModelData } from '@gnnjs/datasets';
import { GATConv, GraphSequential, elu, heteroNodeAttention, toHetero, type HeteroAttention, type RelationNeighbourAttention } from '@gnnjs/layers';
import { Adam, NodeClassificationTask, fit, progress, type EpochRecord } from '@gnnjs/train';

/** What the panel asks for. */
export interface HeteroRunRequest {
  epochs: number;
  lr: number;
  seed: number;
}

export interface HeteroRunHooks {
  onEpoch?: (record: EpochRecord<'accuracy' | 'loss'>) => void;
  /** Awaited after each epoch (the page yields a frame there). */
  afterEpoch?: () => Promise<void>;
  shouldStop?: () => boolean;
}

/** A finished run: the model's attention per layer and relation, owned here until {@link HeteroOutcome.dispose}. */
export interface HeteroOutcome {
  metadata: ReturnType<HeteroGraph['metadata']>;
  numNodes: Record<string, number>;
  /** Hidden block of every node of every type (an account's block is its class). */
  blocks: Record<string, Int32Array>;
  /** Predicted class of every account. */
  predictions: Int32Array;
  /** Test accuracy at the best validation epoch. */
  testAccuracy: number;
  epochs: number;
  /** Attention by layer (`conv1`, `conv2`), then by relation. */
  attention: Record<string, HeteroAttention>;
  /** One account's in-neighbours per relation into accounts, strongest first. */
  explain(layer: string, account: number, topK?: number): Promise<Record<string, RelationNeighbourAttention[]>>;
  dispose(): void;
}

/** The graph's settings: 240 accounts in 3 classes, 48 merchants, 48 devices. */
export const HETERO_GRAPH_OPTIONS = {
  nodes: { account: { numNodes: 240 }, merchant: { numNodes: 48 }, device: { numNodes: 48 } },
  relations: [
    { type: ['account', 'pays', 'merchant'], pIn: 0.15, pOut: 0.015 },
    { type: ['account', 'uses', 'device'], pIn: 0.12, pOut: 0.015, shift: 1 },
    { type: ['account', 'follows', 'account'], pIn: 0.015, pOut: 0.003 },
  ],
} as const;

/** Trains `toHetero(GAT)` on the payments graph and keeps its attention. Frees every other tensor, also on error. */
export async function trainHetero(request: HeteroRunRequest, hooks: HeteroRunHooks = {}): Promise<HeteroOutcome> {
  const options = { ...HETERO_GRAPH_OPTIONS, relations: [...HETERO_GRAPH_OPTIONS.relations], seed: request.seed };
  const blocks = Object.fromEntries(Object.entries(heteroStochasticBlockModelData(options).nodes).map(([t, n]) => [t, n.block]));
  const directed = heteroStochasticBlockModel(options);
  const graph = new HeteroToUndirected().apply(directed);
  directed.dispose();
  manualSeed(request.seed);
  const gat = new GraphSequential([
    ['conv1', () => new GATConv([-1, -1], 8, { heads: 4, addSelfLoops: false })],
    elu,
    ['conv2', () => new GATConv([-1, -1], 3, { addSelfLoops: false })],
  ]);
  const model = toHetero(gat, graph.metadata()).materialize(graph);
  gat.dispose();
  const optimizer = new Adam(model.parameters(), { lr: request.lr, weightDecay: 5e-4 });
  try {
    const task = new NodeClassificationTask<HeteroGraph>({
      numClasses: 3,
      labels: (g) => g.node('account').y!,
      rows: (g, split) => ({ kind: 'mask', mask: g.node('account')[`${split}Mask`]! }),
    });
    const result = await fit(model, { train: graph, val: graph, test: graph }, {
      task,
      optimizer,
      epochs: request.epochs,
      forward: (m, g) => m.forward(g.xDict(), g.edgeIndexDict())['account']!,
      callbacks: [
        progress(async (record, context) => {
          hooks.onEpoch?.(record);
          await hooks.afterEpoch?.();
          if (hooks.shouldStop?.() === true) context.stop('stopped by the user');
        }),
      ],
    });
    model.eval();
    const { output, attention } = model.forward(graph.xDict(), graph.edgeIndexDict(), { returnAttentionWeights: true });
    const predicted = tf.argMax(output['account']!, 1);
    const predictions = Int32Array.from(await predicted.data());
    tf.dispose([predicted, ...Object.values(output)]);
    const outcome: HeteroOutcome = {
      metadata: graph.metadata(),
      numNodes: graph.numNodesDict(),
      blocks,
      predictions,
      testAccuracy: result.best.test?.accuracy ?? NaN,
      epochs: result.history.length,
      attention,
      explain: (layer, account, topK) => {
        const weights = attention[layer];
        if (weights === undefined) throw new Error(`no attention for layer '${layer}'`);
        return heteroNodeAttention(weights, 'account', account, topK === undefined ? {} : { topK });
      },
      dispose: () => tf.dispose(Object.values(attention).flatMap((byRelation) => Object.values(byRelation).flatMap((a) => [a.edgeIndex, a.alpha]))),
    };
    return outcome;
  } finally {
    optimizer.dispose();
    model.dispose();
    graph.dispose();
  }
}
