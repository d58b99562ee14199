/**
 * The heterogeneous fraud model at scale: PaymentsFraud (scale 1: about
 * 50 000 accounts, 1 000 000 transactions) loaded through @gnnjs/relational,
 * the training period's snapshot as a HeteroGraph with times, and one epoch
 * of `toHetero` of a 2-layer GraphSAGE (hidden 64) trained from a temporal
 * NeighborLoader over the training transactions (fan-out [10, 5] on every
 * edge type, batch 1024, neighbours never newer than their seed: every
 * sampled node of a timed type is checked against its seed's time).
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed, type HeteroGraph } from '@gnnjs/core';
import { PaymentsFraud } from '@gnnjs/datasets/node';
import { GraphSequential, SAGEConv, toHetero } from '@gnnjs/layers';
import { toHeteroGraph } from '@gnnjs/relational';
import { NeighborLoader, type SampledHeteroGraph } from '@gnnjs/sampling/node';
import { Adam, BinaryClassificationTask, trainEpoch } from '@gnnjs/train';
import { median, timedBatches } from './products.js';
import { CACHE_DIR } from './stores.js';
import { futureNeighbours } from './time_check.js';

export interface PaymentsFigures {
  scale: number;
  backend: string;
  nodes: Record<string, number>;
  edges: number;
  trainTransactions: number;
  /** Generating (first run only) and opening the dataset, then the split and the HeteroGraph. */
  loadS: number;
  graphS: number;
  /** The epoch's time, or that of its first `batches` when limited (`fullEpoch` false). */
  epochS: number;
  /** The epoch's CPU time, every thread of the process (workers included). */
  epochCpuS: number;
  /** Batches trained: the epoch's (`epochBatches`) or its first ones when limited. */
  batches: number;
  epochBatches: number;
  fullEpoch: boolean;
  numWorkers: number;
  meanNodes: number;
  meanEdges: number;
  waitMedianMs: number;
  stepMedianMs: number;
  /** Edges of every type in the epoch's batches. */
  sampledEdges: number;
  /** Sampled (non-seed) nodes of timed types checked against their seed's time, and how many were newer (must be 0). */
  checkedNeighbours: number;
  futureNeighbours: number;
  loss: number;
  tensorsBefore: number;
  tensorsAfter: number;
}

/** One epoch of the temporal fraud model at a PaymentsFraud scale (or its first `maxBatches` shuffled batches). */
export async function paymentsEpoch(options: { scale: number; numWorkers: number; maxBatches?: number | undefined }): Promise<PaymentsFigures> {
  const t0 = performance.now();
  const data = await PaymentsFraud.load({ scale: options.scale, seed: 0, root: join(CACHE_DIR, 'payments') });
  const loadS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const { train } = await data.split();
  await data.close();
  const graph = toHeteroGraph(train.graph, { trainMask: train.mask }) as HeteroGraph<string>;
  const graphS = (performance.now() - t1) / 1000;
  const staticTypes = graph.nodeTypes.filter((t) => graph.node(t).time === undefined);
  const loader = new NeighborLoader(graph, {
    numNeighbors: [10, 5],
    inputNodes: ['transactions', train.mask],
    batchSize: 1024,
    shuffle: true,
    timeAttr: 'time',
    staticNodeTypes: staticTypes,
    seed: 0,
    numWorkers: options.numWorkers,
  });
  manualSeed(0);
  const sage = new GraphSequential([['conv1', () => new SAGEConv([-1, -1], 64)], (x) => tf.relu(x), ['conv2', () => new SAGEConv([-1, -1], 1)]]);
  const first = await loader.batch(loader.batchPositions(0)[0]!);
  const model = toHetero(sage, graph.metadata()).materialize(first);
  first.dispose();
  sage.dispose();
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const times = new Map<string, Int32Array>();
  for (const t of graph.nodeTypes) {
    const time = graph.node(t).time;
    if (time !== undefined) times.set(t, time.dataSync() as Int32Array);
  }
  const batches = Math.min(options.maxBatches ?? Infinity, loader.length);
  const timing = timedBatches(firstBatches(loader, batches));
  let sampledEdges = 0;
  const check = { checked: 0, future: 0 };
  const tensorsBefore = tf.memory().numTensors;
  const c0 = process.cpuUsage();
  const t2 = performance.now();
  const loss = await trainEpoch(model, timing.source, {
    task: new BinaryClassificationTask({ labels: (b: SampledHeteroGraph<string>) => b.node('transactions').y! }),
    optimizer,
    forward: (m, b: SampledHeteroGraph<string>) => {
      const { checked, future } = futureNeighbours(b, times);
      check.checked += checked;
      check.future += future;
      sampledEdges += b.edgeStores().reduce((s, e) => s + e.numEdges, 0);
      return m.forward(b.xDict(), b.edgeIndexDict())['transactions']!;
    },
  });
  const epochS = (performance.now() - t2) / 1000;
  const c = process.cpuUsage(c0);
  const tensorsAfter = tf.memory().numTensors;
  optimizer.dispose();
  model.dispose();
  const figures: PaymentsFigures = {
    scale: options.scale,
    backend: tf.getBackend(),
    nodes: graph.numNodesDict(),
    edges: graph.edgeStores().reduce((s, e) => s + e.numEdges, 0),
    trainTransactions: loader.inputNodes.length,
    loadS,
    graphS,
    epochS,
    epochCpuS: (c.user + c.system) / 1e6,
    batches,
    epochBatches: loader.length,
    fullEpoch: batches === loader.length,
    numWorkers: options.numWorkers,
    meanNodes: timing.nodes / batches,
    meanEdges: timing.edges / batches,
    waitMedianMs: median(timing.waits),
    stepMedianMs: median(timing.steps),
    sampledEdges,
    checkedNeighbours: check.checked,
    futureNeighbours: check.future,
    loss,
    tensorsBefore,
    tensorsAfter,
  };
  graph.dispose();
  return figures;
}

/** The first `n` batches of an epoch (leaving the loop early stops the loader's workers). */
async function* firstBatches<B>(source: AsyncIterable<B>, n: number): AsyncGenerator<B> {
  if (n <= 0) return;
  let i = 0;
  for await (const b of source) {
    yield b;
    if (++i >= n) return;
  }
}
