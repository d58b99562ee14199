/**
 * A graph-level task whose labels need long-range information
 * (`@gnnjs/datasets`' `pathPairDistance`: are the two marked nodes of a path
 * far apart?), and the models compared on it with the same budget (2
 * message-passing layers, hidden 32, the same epochs and optimiser):
 * - `gin`: `GINConv(MLP x-32-32) → ReLU → GINConv(MLP 32-32-32) → ReLU → add-pool → MLP 32-32-2`;
 * - `gin-lappe`: the same with the Laplacian eigenvector PE appended to `x`;
 * - `gps-lappe`: `Linear(x + PE, 32) → 2 × GPSConv(32, GINConv(MLP 32-32-32), heads 4, batch norm) → add-pool → MLP 32-32-2`.
 * Used by `scripts/graph_transformer_accuracy.ts` (accuracy over seeds), the
 * benchmark (epoch cost) and the no-growth test.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Batch, Module, globalAddPool, manualSeed } from '@gnnjs/core';
import { AddLaplacianEigenvectorPE, pathPairDistance } from '@gnnjs/datasets';
import { GINConv, GPSConv, ReLU, Sequential, TorchLinear } from '@gnnjs/layers';
import { Adam, NodeClassificationTask, fit, type FitResult } from '@gnnjs/train';

export const GRAPH_TRANSFORMER_MODELS = ['gin', 'gin-lappe', 'gps-lappe'] as const;
export type GraphTransformerModel = (typeof GRAPH_TRANSFORMER_MODELS)[number];

/** The recipe shared by every model. */
export const RECIPE = { hidden: 32, heads: 4, peDim: 4, batchSize: 32, lr: 3e-3, numTrain: 1000, numVal: 250, numTest: 250 } as const;

const mlp = (a: number, b: number, c: number) => new Sequential(new TorchLinear(a, b), new ReLU(), new TorchLinear(b, c));

/** Mini-batches of one split, ready for `fit` (their tensors are freed by `disposeSplits`). */
export interface GraphSplits {
  train: Batch[];
  val: Batch[];
  test: Batch[];
  numFeatures: number;
}

/** The dataset in batches of `batchSize`, with the Laplacian PE appended to `x` when `withPE`. */
export function makeSplits(options: { seed: number; withPE: boolean; numTrain?: number; numVal?: number; numTest?: number }): GraphSplits {
  const { seed, withPE, numTrain = RECIPE.numTrain, numVal = RECIPE.numVal, numTest = RECIPE.numTest } = options;
  const graphs = pathPairDistance({ numGraphs: numTrain + numVal + numTest, seed });
  const pe = new AddLaplacianEigenvectorPE({ k: RECIPE.peDim, isUndirected: true });
  const encoded = withPE ? graphs.map((g) => pe.apply(g)) : graphs;
  const batches = (from: number, to: number): Batch[] => {
    const out: Batch[] = [];
    for (let i = from; i < to; i += RECIPE.batchSize) out.push(Batch.fromGraphs(encoded.slice(i, Math.min(i + RECIPE.batchSize, to))));
    return out;
  };
  const splits = {
    train: batches(0, numTrain),
    val: batches(numTrain, numTrain + numVal),
    test: batches(numTrain + numVal, numTrain + numVal + numTest),
    numFeatures: encoded[0]!.numFeatures,
  };
  for (const g of new Set([...graphs, ...encoded])) g.dispose();
  return splits;
}

export function disposeSplits(splits: GraphSplits): void {
  for (const b of [...splits.train, ...splits.val, ...splits.test]) b.dispose();
}

/** Two GIN layers, add-pool, a 2-layer head. */
export class GinClassifier extends Module {
  readonly conv1: GINConv;
  readonly conv2: GINConv;
  readonly head: Sequential;
  constructor(numFeatures: number, hidden: number) {
    super();
    this.conv1 = this.registerModule('conv1', new GINConv(mlp(numFeatures, hidden, hidden)));
    this.conv2 = this.registerModule('conv2', new GINConv(mlp(hidden, hidden, hidden)));
    this.head = this.registerModule('head', mlp(hidden, hidden, 2));
  }
  forward(batch: Batch): tf.Tensor2D {
    return tf.tidy(() => {
      const h1 = tf.relu(this.conv1.forward(batch.x!, batch.edgeIndex));
      const h2 = tf.relu(this.conv2.forward(h1, batch.edgeIndex));
      return this.head.forward(globalAddPool(h2, batch.batch, batch.numGraphs)) as tf.Tensor2D;
    });
  }
}

/** A linear encoder, two GPS layers (local GIN + global attention), add-pool, a 2-layer head. */
export class GpsClassifier extends Module {
  readonly encoder: TorchLinear;
  readonly layer1: GPSConv;
  readonly layer2: GPSConv;
  readonly head: Sequential;
  constructor(numFeatures: number, hidden: number, heads: number) {
    super();
    this.encoder = this.registerModule('encoder', new TorchLinear(numFeatures, hidden));
    this.layer1 = this.registerModule('layer1', new GPSConv(hidden, new GINConv(mlp(hidden, hidden, hidden)), { heads }));
    this.layer2 = this.registerModule('layer2', new GPSConv(hidden, new GINConv(mlp(hidden, hidden, hidden)), { heads }));
    this.head = this.registerModule('head', mlp(hidden, hidden, 2));
  }
  forward(batch: Batch): tf.Tensor2D {
    return tf.tidy(() => {
      const graphs = { batch: batch.batch, numGraphs: batch.numGraphs };
      const h0 = this.encoder.forward(batch.x!);
      const h1 = this.layer1.forward(h0, batch.edgeIndex, graphs);
      const h2 = this.layer2.forward(h1, batch.edgeIndex, graphs);
      return this.head.forward(globalAddPool(h2, batch.batch, batch.numGraphs)) as tf.Tensor2D;
    });
  }
}

export function buildGraphModel(name: GraphTransformerModel, numFeatures: number): GinClassifier | GpsClassifier {
  return name === 'gps-lappe' ? new GpsClassifier(numFeatures, RECIPE.hidden, RECIPE.heads) : new GinClassifier(numFeatures, RECIPE.hidden);
}

/** Trains one model with `fit` (graph classification: every row of a batch is a graph); the caller disposes model and optimizer via the result. */
export async function trainGraphModel(
  name: GraphTransformerModel,
  splits: GraphSplits,
  options: { seed: number; epochs: number; onEpochEnd?: () => void },
): Promise<FitResult<'accuracy' | 'loss'>> {
  manualSeed(options.seed);
  const model = buildGraphModel(name, splits.numFeatures);
  const optimizer = new Adam(model.parameters(), { lr: RECIPE.lr });
  try {
    return await fit(model, { train: splits.train, val: splits.val, test: splits.test }, {
      task: new NodeClassificationTask<Batch>({ numClasses: 2, rows: 'all' }),
      optimizer,
      epochs: options.epochs,
      ...(options.onEpochEnd === undefined ? {} : { callbacks: [{ onEpochEnd: options.onEpochEnd }] }),
    });
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
