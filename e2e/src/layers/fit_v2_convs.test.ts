/**
 * Each conv new in layers v2 (SAGEConv, GINConv, GINEConv, GraphConv,
 * TransformerConv) in a 2-layer model trained by `@gnnjs/train`'s `fit`
 * for 100 epochs on a small graph: the tensor count stays flat from epoch
 * to epoch and the model learns. On `@gnnjs/backend-cpu` (the Cora runs
 * of the same models are measurements: packages/layers/README.md).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Module, manualSeed } from '@gnnjs/core';
import { GINConv, GINEConv, GraphConv, ReLU, SAGEConv, Sequential, TorchLinear, TransformerConv, dropout } from '@gnnjs/layers';
import { Adam, NodeClassificationTask, fit, fullBatch, type Callback } from '@gnnjs/train';
import { beforeAll, expect, it } from 'vitest';
import { useBackend } from '../support/backends.js';

/** Two communities of 15 nodes, features a noisy one-hot of the community, edge features [same community, noise]. */
function graph() {
  let s = 7;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const n = 30;
  const label = (v: number) => (v < 15 ? 0 : 1);
  const src: number[] = [];
  const dst: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (rand() < (label(u) === label(v) ? 0.3 : 0.04)) {
        src.push(u, v);
        dst.push(v, u);
      }
    }
  }
  const index = (pick: (v: number) => boolean) => tf.tensor1d(Array.from({ length: n }, (_, v) => v).filter(pick), 'int32');
  return {
    x: tf.tensor2d(Array.from({ length: n }, (_, v) => [label(v) + rand() - 0.5, 1 - label(v) + rand() - 0.5, rand()])),
    edgeIndex: tf.tensor2d([src, dst], undefined, 'int32'),
    edgeAttr: tf.tensor2d(src.map((u, e) => [label(u) === label(dst[e]!) ? 1 : 0, rand()])),
    y: tf.tensor1d(Array.from({ length: n }, (_, v) => label(v)), 'int32'),
    trainIndex: index((v) => v % 3 === 0),
    valIndex: index((v) => v % 3 === 1),
    testIndex: index((v) => v % 3 === 2),
  };
}
type Data = ReturnType<typeof graph>;

/** dropout → conv1 → ReLU → dropout → conv2. */
class TwoLayer extends Module {
  constructor(
    conv1: Module,
    conv2: Module,
    private readonly run: (conv: Module, h: tf.Tensor2D, g: Data) => tf.Tensor2D,
  ) {
    super();
    this.registerModule('conv1', conv1);
    this.registerModule('conv2', conv2);
  }
  forward(g: Data): tf.Tensor2D {
    const [conv1, conv2] = this.namedChildren().map(([, c]) => c) as [Module, Module];
    return tf.tidy(() => {
      const h = tf.relu(this.run(conv1, dropout(g.x, 0.3, this.training), g));
      return this.run(conv2, dropout(h, 0.3, this.training), g);
    });
  }
}

const mlp = (i: number, o: number) => new Sequential(new TorchLinear(i, 16), new ReLU(), new TorchLinear(16, o));
const models: Array<[string, () => TwoLayer]> = [
  ['SAGEConv', () => new TwoLayer(new SAGEConv(3, 16), new SAGEConv(16, 2), (c, h, g) => (c as SAGEConv).forward(h, g.edgeIndex))],
  ['GINConv', () => new TwoLayer(new GINConv(mlp(3, 16), { trainEps: true }), new GINConv(mlp(16, 2)), (c, h, g) => (c as GINConv).forward(h, g.edgeIndex))],
  ['GINEConv', () => new TwoLayer(new GINEConv(mlp(3, 16), { edgeDim: 2 }), new GINEConv(mlp(16, 2), { edgeDim: 2 }), (c, h, g) => (c as GINEConv).forward(h, g.edgeIndex, g.edgeAttr))],
  ['GraphConv', () => new TwoLayer(new GraphConv(3, 16), new GraphConv(16, 2), (c, h, g) => (c as GraphConv).forward(h, g.edgeIndex))],
  ['TransformerConv', () => new TwoLayer(new TransformerConv(3, 8, { heads: 2 }), new TransformerConv(16, 2, { concat: false }), (c, h, g) => (c as TransformerConv).forward(h, g.edgeIndex))],
];

let data: Data;
beforeAll(async () => {
  expect(await useBackend('cpu')).toBeUndefined();
  data = graph();
});

it.each(models)('%s: fit trains a 2-layer model 100 epochs with a flat tensor count', async (_name, make) => {
  manualSeed(3);
  const model = make();
  const optimizer = new Adam(model.parameters(), { lr: 0.02, weightDecay: 5e-4 });
  const counts: number[] = [];
  const count: Callback = { onEpochEnd: () => void counts.push(tf.memory().numTensors) };
  const result = await fit(model, fullBatch(data), { task: new NodeClassificationTask({ numClasses: 2 }), optimizer, epochs: 100, callbacks: [count] });
  expect(counts).toHaveLength(100);
  expect(new Set(counts.slice(1))).toEqual(new Set([counts[1]]));
  expect(result.last.loss).toBeLessThan(result.history[0]!.loss);
  expect(result.best.test?.accuracy).toBeGreaterThan(0.8);
  optimizer.dispose();
  model.dispose();
});
