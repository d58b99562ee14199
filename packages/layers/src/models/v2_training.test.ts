// Each new conv in a 2-layer model, trained 100 epochs: the tensor count stays flat and the model learns.
// (Training with @gnnjs/train's fit, a package above this one, is in e2e/src/layers/fit_v2_convs.test.ts.)
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { Module, manualSeed } from '@gnnjs/core';
import { GINConv, GINEConv, GraphConv, ReLU, SAGEConv, Sequential, TorchLinear, TransformerConv, dropout } from '@gnnjs/layers';

/** A small stochastic block model: 3 communities, features = noisy one-hot of the community. */
function sbm(seed: number) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const [k, perBlock] = [3, 12];
  const n = k * perBlock;
  const label = (v: number) => Math.floor(v / perBlock);
  const src: number[] = [];
  const dst: number[] = [];
  for (let u = 0; u < n; u += 1) {
    for (let v = u + 1; v < n; v += 1) {
      if (rand() < (label(u) === label(v) ? 0.4 : 0.03)) {
        src.push(u, v);
        dst.push(v, u);
      }
    }
  }
  const x = tf.tensor2d(Array.from({ length: n }, (_, v) => Array.from({ length: k + 2 }, (_, f) => (f === label(v) ? 1 : 0) + 0.8 * (rand() - 0.5))));
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, v) => label(v)), 'int32'), k) as tf.Tensor2D;
  const edgeIndex = tf.tensor2d([src, dst], undefined, 'int32');
  const edgeAttr = tf.tensor2d(src.map((u, e) => [label(u) === label(dst[e]!) ? 1 : 0, rand()]));
  return { x, y, edgeIndex, edgeAttr, k };
}


/** dropout → conv1 → ReLU → dropout → conv2, as PyG's examples. */
class TwoLayer extends Module {
  constructor(
    readonly conv1: Module,
    readonly conv2: Module,
    private readonly run: (conv: Module, h: tf.Tensor2D) => tf.Tensor2D,
  ) {
    super();
    this.registerModule('conv1', conv1);
    this.registerModule('conv2', conv2);
  }
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const h = tf.relu(this.run(this.conv1, dropout(x, 0.3, this.training)));
      return this.run(this.conv2, dropout(h, 0.3, this.training));
    });
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const mlp = (i: number, o: number) => new Sequential(new TorchLinear(i, 16), new ReLU(), new TorchLinear(16, o));
const g = sbm(5);
const cases: Array<[string, () => TwoLayer]> = [
  ['SAGEConv', () => new TwoLayer(new SAGEConv(5, 16), new SAGEConv(16, 3), (c, h) => (c as SAGEConv).forward(h, g.edgeIndex))],
  ['GINConv', () => new TwoLayer(new GINConv(mlp(5, 16), { trainEps: true }), new GINConv(mlp(16, 3)), (c, h) => (c as GINConv).forward(h, g.edgeIndex))],
  ['GINEConv', () => new TwoLayer(new GINEConv(mlp(5, 16), { edgeDim: 2 }), new GINEConv(mlp(16, 3), { edgeDim: 2 }), (c, h) => (c as GINEConv).forward(h, g.edgeIndex, g.edgeAttr))],
  ['GraphConv', () => new TwoLayer(new GraphConv(5, 16, { aggr: 'mean' }), new GraphConv(16, 3, { aggr: 'mean' }), (c, h) => (c as GraphConv).forward(h, g.edgeIndex))],
  ['TransformerConv', () => new TwoLayer(new TransformerConv(5, 8, { heads: 2, dropout: 0.2 }), new TransformerConv(16, 3, { concat: false }), (c, h) => (c as TransformerConv).forward(h, g.edgeIndex))],
];

it.each(cases)('%s: a 2-layer model trains 100 epochs with a flat tensor count and learns the communities', (_name, make) => {
  manualSeed(2);
  const model = make();
  const optimizer = tf.train.adam(0.02);
  const counts: number[] = [];
  for (let epoch = 0; epoch < 100; epoch += 1) {
    model.train();
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(g.y, model.forward(g.x)) as tf.Scalar, false, model.parameters());
    counts.push(tf.memory().numTensors);
  }
  expect(new Set(counts.slice(1))).toEqual(new Set([counts[1]]));
  model.eval();
  const acc = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(model.forward(g.x), 1), tf.argMax(g.y, 1)), 'float32')).dataSync()[0]!);
  expect(acc).toBeGreaterThan(0.9);
  model.dispose();
  optimizer.dispose();
});
