/**
 * The ogbn-products-shaped benchmark: a 2.45M-node, 61.9M-edge power-law
 * graph with 100 features (see `power_law.ts`), the sampler's throughput on
 * it (in this thread and in 1 and N workers), and GraphSAGE trained on it
 * with mini-batches of 1024 seeds and fan-out [15, 10, 5] (PyG's products
 * example: 3 × SAGEConv, hidden 256, Adam 0.003), one epoch over the
 * 196 615 training nodes.
 */
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { manualSeed } from '@gnnjs/core';
import { NeighborLoader, type SampledGraph } from '@gnnjs/sampling/node';
import { Adam, NodeClassificationTask, trainEpoch } from '@gnnjs/train';
import { PRODUCTS_SHAPE, randomSubset } from './power_law.js';
import { MiniBatchSAGE } from './sage.js';
import { degreeStats, featureStore, powerLawStore } from './stores.js';
import { measureThroughput, requests, type ThroughputResult } from './throughput.js';

export interface GraphFigures {
  nodes: number;
  edges: number;
  maxDegree: number;
  meanDegree: number;
  medianDegree: number;
  /** Building the CSC file (absent when it was cached) and reading it into shared memory. */
  buildS: number | undefined;
  openS: number;
  storeMiB: number;
}

async function productsGraph(): Promise<{ figures: GraphFigures; store: Awaited<ReturnType<typeof powerLawStore>>['store'] }> {
  const { store, buildS, openS } = await powerLawStore(PRODUCTS_SHAPE);
  const deg = degreeStats(store.csc(['node', 'to', 'node']).colptr);
  return {
    store,
    figures: { nodes: PRODUCTS_SHAPE.numNodes, edges: PRODUCTS_SHAPE.numEdges, maxDegree: deg.max, meanDegree: deg.mean, medianDegree: deg.median, buildS, openS, storeMiB: store.bytes / 2 ** 20 },
  };
}

/** Sampled edges per second of the sampler alone, fan-out [15, 10, 5], batch 1024: 0 (this thread), 1 and N workers. */
export async function productsSampler(options: { batches: number; workers: number[] }): Promise<{ graph: GraphFigures; throughput: ThroughputResult[] }> {
  const { store, figures } = await productsGraph();
  const train = randomSubset(PRODUCTS_SHAPE.numNodes, PRODUCTS_SHAPE.train);
  const reqs = requests(store, train, 1024, [15, 10, 5], options.batches);
  const throughput: ThroughputResult[] = [];
  for (const w of options.workers) throughput.push(await measureThroughput(store, reqs, w));
  return { graph: figures, throughput };
}

/** The sampler's cost against sampled edges: batch sizes at [15, 10, 5], fan-outs at batch 1024. */
export async function samplerCurve(options: { minEdges: number }): Promise<{ graph: GraphFigures; curve: ThroughputResult[] }> {
  const { store, figures } = await productsGraph();
  const train = randomSubset(PRODUCTS_SHAPE.numNodes, PRODUCTS_SHAPE.train);
  const settings: [number, number[]][] = [
    ...[128, 256, 512, 1024, 2048, 4096].map((b): [number, number[]] => [b, [15, 10, 5]]),
    ...[[5], [10], [10, 5], [15, 10], [25, 10], [10, 10, 10]].map((f): [number, number[]] => [1024, f]),
  ];
  const curve: ThroughputResult[] = [];
  for (const [batchSize, fanout] of settings) {
    // Enough batches for minEdges sampled edges, from a one-batch estimate.
    const probe = await measureThroughput(store, requests(store, train, batchSize, fanout, 2), 0);
    const batches = Math.max(2, Math.ceil(options.minEdges / (probe.sampledEdges / 2)));
    curve.push(await measureThroughput(store, requests(store, train, batchSize, fanout, batches, 1), 0));
  }
  return { graph: figures, curve };
}

export interface LoaderEpochFigures {
  numNeighbors: number[];
  numWorkers: number;
  batches: number;
  /** One pass of the loader over the training nodes: sampling, features gathered, tensors made and disposed (PyG's `benchmark/loader/neighbor_loader.py`). */
  epochS: number;
  cpuS: number;
  sampledEdges: number;
}

/** Iterates the loader over the products-shaped graph's training nodes (batch 1024), with features, for each fan-out and worker count. */
export async function loaderEpochs(options: { fanouts: number[][]; workers: number[] }): Promise<{ graph: GraphFigures; epochs: LoaderEpochFigures[] }> {
  const { store, figures } = await productsGraph();
  const features = featureStore(PRODUCTS_SHAPE.numNodes, PRODUCTS_SHAPE.features, PRODUCTS_SHAPE.classes);
  const train = randomSubset(PRODUCTS_SHAPE.numNodes, PRODUCTS_SHAPE.train);
  const epochs: LoaderEpochFigures[] = [];
  for (const numNeighbors of options.fanouts) {
    for (const numWorkers of options.workers) {
      const loader = new NeighborLoader({ graphStore: store, featureStore: features.store }, { numNeighbors, batchSize: 1024, inputNodes: train, shuffle: true, seed: 0, numWorkers });
      let sampledEdges = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for await (const b of loader) sampledEdges += b.numEdges;
      const c = process.cpuUsage(c0);
      epochs.push({ numNeighbors, numWorkers, batches: loader.length, epochS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6, sampledEdges });
    }
  }
  return { graph: figures, epochs };
}

export interface EpochFigures {
  backend: string;
  hidden: number;
  batches: number;
  /** Every training batch of the epoch, or the first `batches` when limited. */
  fullEpoch: boolean;
  numWorkers: number;
  epochS: number;
  epochCpuS: number;
  /** Time the training loop waited for each batch (sampling not hidden by prefetching, features, tensors), median ms. */
  waitMedianMs: number;
  stepMedianMs: number;
  meanNodes: number;
  meanEdges: number;
  loss: number;
  tensorsBefore: number;
  tensorsAfter: number;
  featuresS: number;
}

/** One epoch (or its first `maxBatches`) of GraphSAGE mini-batch training on the products-shaped graph. */
export async function productsEpoch(options: { backend: string; hidden: number; numWorkers: number; maxBatches?: number | undefined }): Promise<{ graph: GraphFigures; epoch: EpochFigures }> {
  const { store, figures } = await productsGraph();
  const features = featureStore(PRODUCTS_SHAPE.numNodes, PRODUCTS_SHAPE.features, PRODUCTS_SHAPE.classes);
  let train = randomSubset(PRODUCTS_SHAPE.numNodes, PRODUCTS_SHAPE.train);
  const full = options.maxBatches === undefined || options.maxBatches * 1024 >= train.length;
  if (!full) train = train.slice(0, options.maxBatches! * 1024);
  manualSeed(0);
  const loader = new NeighborLoader({ graphStore: store, featureStore: features.store }, { numNeighbors: [15, 10, 5], batchSize: 1024, inputNodes: train, shuffle: true, seed: 0, numWorkers: options.numWorkers });
  const model = new MiniBatchSAGE(PRODUCTS_SHAPE.features, options.hidden, PRODUCTS_SHAPE.classes, 3);
  const optimizer = new Adam(model.parameters(), { lr: 0.003 });
  const timing = timedBatches(loader as AsyncIterable<SampledGraph>);
  const tensorsBefore = tf.memory().numTensors;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const loss = await trainEpoch(model, timing.source, { task: new NodeClassificationTask(), optimizer, forward: (m, b: SampledGraph) => m.forward(b) });
  const epochS = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const tensorsAfter = tf.memory().numTensors;
  optimizer.dispose();
  model.dispose();
  return {
    graph: figures,
    epoch: {
      backend: tf.getBackend(),
      hidden: options.hidden,
      batches: loader.length,
      fullEpoch: full,
      numWorkers: options.numWorkers,
      epochS,
      epochCpuS: (c.user + c.system) / 1e6,
      waitMedianMs: median(timing.waits),
      stepMedianMs: median(timing.steps),
      meanNodes: timing.nodes / loader.length,
      meanEdges: timing.edges / loader.length,
      loss,
      tensorsBefore,
      tensorsAfter,
      featuresS: features.seconds,
    },
  };
}

/** The loader, with the time the loop waits for each batch and the time it spends on it. */
export function timedBatches<B extends { numNodes: number; numEdges: number }>(loader: AsyncIterable<B>): { source: AsyncIterable<B>; waits: number[]; steps: number[]; nodes: number; edges: number } {
  const out = {
    waits: [] as number[],
    steps: [] as number[],
    nodes: 0,
    edges: 0,
    source: {
      async *[Symbol.asyncIterator](): AsyncGenerator<B> {
        let t = performance.now();
        for await (const b of loader) {
          const got = performance.now();
          out.waits.push(got - t);
          out.nodes += b.numNodes;
          out.edges += b.numEdges;
          yield b;
          t = performance.now();
          out.steps.push(t - got);
        }
      },
    },
  };
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** N for "N workers": every core. */
export const ALL_CORES = Math.max(2, cpus().length);
