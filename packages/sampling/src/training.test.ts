/**
 * Layers on loader batches, `fit` from a NeighborLoader, and exact evaluation
 * by layer-wise inference.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Graph, Module, manualSeed } from '@gnnjs/core';
import { GAT, GCN, SAGEConv } from '@gnnjs/layers';
import { Adam, NodeClassificationTask, fit } from '@gnnjs/train';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerwiseInference } from './inference.js';
import { NeighborLoader } from './loader/neighbor_loader.js';
import { SampledGraph } from './loader/sampled_graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** PyG's GraphSAGE example: two SAGEConvs, ReLU between. */
class Sage extends Module {
  readonly conv1: SAGEConv;
  readonly conv2: SAGEConv;
  constructor(inChannels: number, hidden: number, out: number) {
    super();
    this.conv1 = this.registerModule('conv1', new SAGEConv(inChannels, hidden));
    this.conv2 = this.registerModule('conv2', new SAGEConv(hidden, out));
  }
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.conv2.forward(tf.relu(this.conv1.forward(x, edgeIndex)), edgeIndex));
  }
  /** The same layers, one at a time over the whole graph. */
  inference(graph: Graph, batchSize: number): tf.Tensor2D {
    return layerwiseInference(graph, graph.x!, [(x, ei) => tf.relu(this.conv1.forward(x, ei)), (x, ei) => this.conv2.forward(x, ei)], { batchSize });
  }
}

/** Two communities of 40 nodes: dense inside, sparse across; features noisy copies of the class. */
function communities(): Graph {
  const n = 80;
  const src: number[] = [];
  const dst: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 1; k <= 4; k++) {
      const j = (i % 40) + ((i + 7 * k) % 40) - (i % 40) + (i < 40 ? 0 : 40);
      src.push(j % n === i ? (i + 1) % n : j % n);
      dst.push(i);
    }
    if (i % 10 === 0) {
      src.push((i + 40) % n);
      dst.push(i);
    }
  }
  const y = Array.from({ length: n }, (_, i) => (i < 40 ? 0 : 1));
  const noise = tf.randomUniform([n, 4], -1, 1, 'float32', 3);
  const x = tf.tidy(() => tf.add(tf.mul(tf.oneHot(tf.tensor1d(y, 'int32'), 4), 0.6), noise)) as tf.Tensor2D;
  noise.dispose();
  const trainMask = y.map((_, i) => i % 4 === 0);
  return new Graph({
    edgeIndex: [src, dst],
    x,
    y: tf.tensor1d(y, 'int32'),
    trainMask: tf.tensor1d(trainMask, 'bool'),
    valMask: tf.tensor1d(trainMask.map((t) => !t), 'bool'),
    testMask: tf.tensor1d(trainMask.map((t) => !t), 'bool'),
    numClasses: 2,
  });
}

describe('layers on sampled subgraphs', () => {
  it('with every neighbour over as many hops as layers, SAGE and GAT give the seeds their full-batch outputs; GCN runs', async () => {
    manualSeed(0);
    const graph = communities();
    const sage = new Sage(4, 8, 2);
    const gat = new GAT(4, 2, { hiddenChannels: 4, heads: 2 });
    const gcn = new GCN(4, 2, { hiddenChannels: 8 });
    for (const m of [sage, gat, gcn]) m.eval();
    const fullSage = sage.forward(graph.x!, graph.edgeIndex).arraySync();
    const fullGat = gat.forward(graph.x!, graph.edgeIndex).arraySync();
    const loader = new NeighborLoader(graph, { numNeighbors: [-1, -1], batchSize: 16, seed: 0 });
    for await (const b of loader) {
      const seeds = Array.from(b.nId.subarray(0, b.batchSize));
      for (const [model, full] of [
        [sage, fullSage],
        [gat, fullGat],
      ] as const) {
        const out = tf.tidy(() => tf.slice(model.forward(b.x!, b.edgeIndex), 0, b.batchSize)).arraySync() as number[][];
        out.forEach((r, i) => r.forEach((v, k) => expect(v).toBeCloseTo(full[seeds[i]!]![k]!, 5)));
      }
      const g = gcn.forward(b.x!, b.edgeIndex);
      expect(g.shape).toEqual([b.numNodes, 2]);
      g.dispose();
    }
    for (const m of [sage, gat, gcn]) m.dispose();
    graph.dispose();
  });

  it('layer-wise inference equals the full-batch forward (<= 1e-5), whatever the batch size', () => {
    manualSeed(1);
    const graph = communities();
    const model = new Sage(4, 16, 2);
    model.eval();
    const full = model.forward(graph.x!, graph.edgeIndex);
    const before = tf.memory().numTensors;
    for (const batchSize of [7, 80, 1000]) {
      const out = model.inference(graph, batchSize);
      expect(tf.memory().numTensors).toBe(before + 1);
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(out, full))).dataSync()[0]!);
      expect(diff).toBeLessThanOrEqual(1e-5);
      out.dispose();
    }
    tf.dispose(full);
    model.dispose();
    graph.dispose();
  });
});

describe('fit from a NeighborLoader', () => {
  it('trains GraphSAGE on mini-batches, evaluates exactly by layer-wise inference, without leaks', async () => {
    manualSeed(2);
    const graph = communities();
    const model = new Sage(4, 16, 2);
    const optimizer = new Adam(model.parameters(), { lr: 0.02 });
    const train = new NeighborLoader(graph, { numNeighbors: [5, 5], batchSize: 8, inputNodes: graph.trainMask!, shuffle: true, seed: 0 });
    const counts: number[] = [];
    const result = await fit<Sage, Graph, NodeClassificationTask>(model, { train, val: graph, test: graph }, {
      task: new NodeClassificationTask(),
      optimizer,
      epochs: 25,
      // Training batches are sampled subgraphs (rows 0..batchSize-1 are the seeds); evaluation is exact.
      forward: (m, g) => (g instanceof SampledGraph ? m.forward(g.x!, g.edgeIndex) : m.inference(g, 32)),
      callbacks: [{ onEpochEnd: () => void counts.push(tf.memory().numTensors) }],
    });
    expect(result.history[0]!.loss).toBeGreaterThan(result.last.loss);
    expect(result.best.val!.accuracy).toBeGreaterThan(0.9);
    expect(new Set(counts.slice(1)).size).toBe(1);
    optimizer.dispose();
    model.dispose();
    graph.dispose();
  });
});
