/**
 * ogbn-arxiv's shape (169 343 nodes, 2 332 486 directed edges — its 1.17M
 * citations both ways —, 128 features, 40 classes, 90 941 training nodes) as
 * a power-law graph: one training epoch of the same 2-layer GAT
 * (GATConv(128, 64, heads 4) → ELU → GATConv(256, 40)) full-batch and on
 * mini-batches (fan-out [10, 10], batch 1024, trimmed per layer), side by side.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Graph, Module, manualSeed } from '@gnnjs/core';
import { GATConv } from '@gnnjs/layers';
import { NeighborLoader, SampledGraph, trimToLayer } from '@gnnjs/sampling/node';
import { Adam, NodeClassificationTask, trainEpoch } from '@gnnjs/train';
import { ARXIV_SHAPE, powerLawChunks, randomSubset, syntheticFeatures } from './power_law.js';
import { median, timedBatches } from './products.js';

class Gat extends Module {
  readonly conv1 = this.registerModule('conv1', new GATConv(ARXIV_SHAPE.features, 64, { heads: 4 }));
  readonly conv2 = this.registerModule('conv2', new GATConv(256, ARXIV_SHAPE.classes, { heads: 1 }));

  /** Full graph, or a mini-batch trimmed to the hops each layer needs (PyG's `trim_to_layer`). */
  forward(g: Graph): tf.Tensor2D {
    return tf.tidy(() => {
      if (!(g instanceof SampledGraph)) return this.conv2.forward(tf.elu(this.conv1.forward(g.x!, g.edgeIndex)), g.edgeIndex);
      const h = tf.elu(this.conv1.forward(g.x!, g.edgeIndex));
      const t = trimToLayer(1, g.numSampledNodes, g.numSampledEdges, h, g.edgeIndex);
      return this.conv2.forward(t.x, t.edgeIndex);
    });
  }
}

export interface ArxivFigures {
  backend: string;
  nodes: number;
  edges: number;
  /** Full batch: median of the measured epochs (after one warm-up). */
  fullBatchEpochS: number;
  fullBatchEpochsS: number[];
  fullBatchLoss: number;
  /** Mini-batch: one epoch over the training nodes. */
  miniBatchEpochS: number;
  miniBatches: number;
  miniBatchLoss: number;
  numWorkers: number;
  /** Sampled edges per mini-batch epoch (all hops), beside the full graph's edges per layer. */
  sampledEdgesPerEpoch: number;
  waitMedianMs: number;
  stepMedianMs: number;
  tensorsBefore: number;
  tensorsAfter: number;
}

/** The arxiv-shaped graph as a `Graph` (edge list, features, labels, training mask). */
function arxivGraph(): Graph {
  const src: Int32Array[] = [];
  const dst: Int32Array[] = [];
  for (const c of powerLawChunks({ numNodes: ARXIV_SHAPE.numNodes, numEdges: ARXIV_SHAPE.numEdges, seed: 3 })) {
    src.push(c.src);
    dst.push(c.dst);
  }
  const e = src.reduce((s, a) => s + a.length, 0);
  const index = new Int32Array(2 * e);
  let o = 0;
  for (const a of [...src, ...dst]) {
    index.set(a, o);
    o += a.length;
  }
  const n = ARXIV_SHAPE.numNodes;
  const { x, y } = syntheticFeatures(n, ARXIV_SHAPE.features, ARXIV_SHAPE.classes, 4);
  const mask = new Uint8Array(n);
  for (const v of randomSubset(n, ARXIV_SHAPE.train, 5)) mask[v] = 1;
  return new Graph({
    edgeIndex: tf.tensor2d(index, [2, e], 'int32'),
    x: tf.tensor2d(x, [n, ARXIV_SHAPE.features]),
    y: tf.tensor1d(y, 'int32'),
    numClasses: ARXIV_SHAPE.classes,
    trainMask: tf.tensor1d(mask, 'bool'),
  });
}

export async function arxivGat(options: { epochs: number; numWorkers: number }): Promise<ArxivFigures> {
  const graph = arxivGraph();
  manualSeed(0);
  const task = new NodeClassificationTask();
  const step = { task, forward: (m: Gat, g: Graph) => m.forward(g) };
  const tensorsBefore = tf.memory().numTensors;

  const full = new Gat();
  const fullOpt = new Adam(full.parameters(), { lr: 0.005 });
  const fullTimes: number[] = [];
  let fullBatchLoss = NaN;
  for (let epoch = 0; epoch <= options.epochs; epoch++) {
    const t = performance.now();
    fullBatchLoss = await trainEpoch(full, graph, { ...step, optimizer: fullOpt });
    if (epoch > 0) fullTimes.push((performance.now() - t) / 1000);
  }
  fullOpt.dispose();
  full.dispose();

  const mini = new Gat();
  const miniOpt = new Adam(mini.parameters(), { lr: 0.005 });
  const loader = new NeighborLoader(graph, { numNeighbors: [10, 10], batchSize: 1024, inputNodes: graph.trainMask!, shuffle: true, seed: 0, numWorkers: options.numWorkers });
  const timing = timedBatches(loader);
  const t = performance.now();
  const miniBatchLoss = await trainEpoch(mini, timing.source, { ...step, optimizer: miniOpt });
  const miniBatchEpochS = (performance.now() - t) / 1000;
  miniOpt.dispose();
  mini.dispose();
  const tensorsAfter = tf.memory().numTensors;
  graph.dispose();
  return {
    backend: tf.getBackend(),
    nodes: ARXIV_SHAPE.numNodes,
    edges: ARXIV_SHAPE.numEdges,
    fullBatchEpochS: median(fullTimes),
    fullBatchEpochsS: fullTimes,
    fullBatchLoss,
    miniBatchEpochS,
    miniBatches: loader.length,
    miniBatchLoss,
    numWorkers: options.numWorkers,
    sampledEdgesPerEpoch: timing.edges,
    waitMedianMs: median(timing.waits),
    stepMedianMs: median(timing.steps),
    tensorsBefore,
    tensorsAfter,
  };
}
