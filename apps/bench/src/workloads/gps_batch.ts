/**
 * `GPSConv` where graph transformers are used: a mini-batch of small graphs
 * (as PyG's `examples/graph_gps.py` on ZINC), attention within each graph.
 * 64 random graphs of 32 nodes (N = 2048), 8 random in-graph edges per node
 * (E = 16384), 64 standard-normal features, 4 classes per node;
 * `Linear(64, 64) → GPSConv(64, GINConv(MLP 64-64-64), heads 4, dropout 0.5) × 2 → Linear(64, 4)`;
 * one training epoch (`@gnnjs/train`'s `trainEpoch`: cross-entropy over all
 * nodes, Adam lr 0.001) and one eval-mode forward. PyG's side:
 * `pyg/speed_extra.py gps`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module, manualSeed } from '@gnnjs/core';
import { GINConv, GPSConv, ReLU, Sequential, TorchLinear } from '@gnnjs/layers';
import { Adam, NodeClassificationTask, trainEpoch } from '@gnnjs/train';
import type { PlanetoidResult } from '../results.js';
import { measure, type TimingOptions } from '../timing.js';

export const GPS_BATCH = { graphs: 64, nodesPerGraph: 32, edgesPerNode: 8, features: 64, classes: 4 } as const;

/** How the row is named in the tables (the `dataset` column). */
export const GPS_BATCH_NAME = `random ${GPS_BATCH.graphs}×${GPS_BATCH.nodesPerGraph}`;

interface GpsBatch {
  x: tf.Tensor2D;
  edgeIndex: tf.Tensor2D;
  batch: tf.Tensor1D;
  y: tf.Tensor1D;
}

const mlp = (c: number) => new Sequential(new TorchLinear(c, c), new ReLU(), new TorchLinear(c, c));

class GpsNet extends Module {
  readonly linIn: TorchLinear;
  readonly gps1: GPSConv;
  readonly gps2: GPSConv;
  readonly linOut: TorchLinear;
  constructor(c: number, classes: number) {
    super();
    this.linIn = this.registerModule('lin_in', new TorchLinear(c, c));
    this.gps1 = this.registerModule('gps1', new GPSConv(c, new GINConv(mlp(c)), { heads: 4, dropout: 0.5 }));
    this.gps2 = this.registerModule('gps2', new GPSConv(c, new GINConv(mlp(c)), { heads: 4, dropout: 0.5 }));
    this.linOut = this.registerModule('lin_out', new TorchLinear(c, classes));
  }
  forward(d: GpsBatch): tf.Tensor2D {
    return tf.tidy(() => {
      const options = { batch: d.batch, numGraphs: GPS_BATCH.graphs };
      const h = this.gps1.forward(this.linIn.forward(d.x) as tf.Tensor2D, d.edgeIndex, options);
      return this.linOut.forward(this.gps2.forward(h, d.edgeIndex, options)) as tf.Tensor2D;
    });
  }
}

/** The batch: graph g holds nodes [32g, 32g + 32); edges drawn with a seeded generator. */
function makeBatch(): GpsBatch {
  const { graphs, nodesPerGraph: n, edgesPerNode, features, classes } = GPS_BATCH;
  const numNodes = graphs * n;
  const numEdges = numNodes * edgesPerNode;
  let state = 17;
  const draw = (k: number) => {
    state = (state * 1103515245 + 12345) >>> 0;
    return Math.floor((state / 2 ** 32) * k);
  };
  const src = new Int32Array(numEdges);
  const dst = new Int32Array(numEdges);
  for (let e = 0; e < numEdges; e++) {
    const g = Math.floor(e / (n * edgesPerNode));
    src[e] = g * n + draw(n);
    dst[e] = g * n + draw(n);
  }
  return {
    x: tf.randomNormal([numNodes, features], 0, 1, 'float32', 3) as tf.Tensor2D,
    edgeIndex: tf.tensor2d([...src, ...dst], [2, numEdges], 'int32'),
    batch: tf.tensor1d(Int32Array.from({ length: numNodes }, (_, i) => Math.floor(i / n)), 'int32'),
    y: tf.tensor1d(Int32Array.from({ length: numNodes }, () => draw(classes)), 'int32'),
  };
}

export async function runGpsBatchWorkload(backend: string, timing: TimingOptions): Promise<PlanetoidResult> {
  const data = makeBatch();
  manualSeed(0);
  const net = new GpsNet(GPS_BATCH.features, GPS_BATCH.classes);
  const optimizer = new Adam(net.parameters(), { lr: 0.001 });
  const step = {
    task: new NodeClassificationTask<GpsBatch>({ numClasses: GPS_BATCH.classes, rows: 'all' }),
    optimizer,
    forward: (m: GpsNet, d: GpsBatch) => m.forward(d),
  };
  // One epoch first: it creates the optimizer's state, which is not growth.
  await trainEpoch(net, data, step);
  const before = tf.memory().numTensors;
  const train = await measure(() => trainEpoch(net, data, step), timing);
  net.eval();
  const infer = await measure(async () => {
    const out = net.forward(data);
    await out.data();
    out.dispose();
  }, timing);
  const tensorGrowth = tf.memory().numTensors - before;
  const tfjsBytes = tf.memory().numBytes;
  net.dispose();
  optimizer.dispose();
  tf.dispose([data.x, data.edgeIndex, data.batch, data.y]);
  return {
    kind: 'planetoid',
    backend,
    dataset: GPS_BATCH_NAME,
    model: 'GPS',
    trainEpochMedianMs: train.medianMs,
    trainEpochMinMs: train.minMs,
    inferMedianMs: infer.medianMs,
    inferMinMs: infer.minMs,
    trainEpochCpuMedianMs: train.cpuMedianMs,
    inferCpuMedianMs: infer.cpuMedianMs,
    memory: { tfjsBytes, tensorGrowth },
  };
}
