import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { manualSeed } from '@gnnjs/core';
import { GAT, GATv2, GCN } from '@gnnjs/layers';

/** A small stochastic block model: `k` communities, features = noisy one-hot of the community. */
function sbm(k: number, perBlock: number, pIn: number, pOut: number, seed: number) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const n = k * perBlock;
  const label = (v: number) => Math.floor(v / perBlock);
  const src: number[] = [];
  const dst: number[] = [];
  for (let u = 0; u < n; u += 1) {
    for (let v = u + 1; v < n; v += 1) {
      if (rand() < (label(u) === label(v) ? pIn : pOut)) {
        src.push(u, v);
        dst.push(v, u);
      }
    }
  }
  const x = tf.tensor2d(Array.from({ length: n }, (_, v) => Array.from({ length: k + 2 }, (_, f) => (f === label(v) ? 1 : 0) + 0.8 * (rand() - 0.5))));
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, v) => label(v)), 'int32'), k) as tf.Tensor2D;
  return { x, y, edgeIndex: tf.tensor2d([src, dst], undefined, 'int32'), n, k };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('2-layer models train without leaking', () => {
  it.each([
    ['GAT', (inC: number, outC: number) => new GAT(inC, outC, { hiddenChannels: 8, heads: 4, dropout: 0.3 })],
    ['GATv2', (inC: number, outC: number) => new GATv2(inC, outC, { hiddenChannels: 8, heads: 2, dropout: 0.3 })],
    ['GCN', (inC: number, outC: number) => new GCN(inC, outC, { cached: true })],
  ] as const)('%s: loss decreases and numTensors stays flat over 20 epochs', (_name, make) => {
    manualSeed(1);
    const { x, y, edgeIndex, k } = sbm(3, 12, 0.4, 0.03, 5);
    const model = make(k + 2, k);
    const optimizer = tf.train.adam(0.05);
    // Judged on the eval-mode loss, which dropout does not make noisy.
    const evalLoss = () => {
      model.eval();
      return tf.tidy(() => tf.losses.softmaxCrossEntropy(y, model.forward(x, edgeIndex)).dataSync()[0]!);
    };
    const initialLoss = evalLoss();
    const counts: number[] = [];
    for (let epoch = 0; epoch < 20; epoch += 1) {
      model.train();
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, model.forward(x, edgeIndex)) as tf.Scalar,
        true,
        model.parameters(),
      )!;
      expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
      loss.dispose();
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(evalLoss()).toBeLessThan(0.5 * initialLoss);
    model.eval();
    const acc = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(model.forward(x, edgeIndex), 1), tf.argMax(y, 1)), 'float32')).dataSync()[0]!);
    expect(acc).toBeGreaterThan(0.8);
    model.dispose();
    optimizer.dispose();
  });

  it('GAT returns both layers\' attention and names parameters like PyG', () => {
    const { x, edgeIndex, n } = sbm(2, 5, 0.5, 0.1, 3);
    const model = new GAT(4, 2).eval();
    const { output, attention } = model.forward(x, edgeIndex, { returnAttentionWeights: true });
    expect(output.shape).toEqual([n, 2]);
    expect(attention.map((a) => a.alpha.shape[1])).toEqual([8, 1]);
    expect(model.namedParameters().map(([name, v]) => `${name}:${v.shape.join('x')}`)).toEqual([
      'conv1.att_src:1x8x8', 'conv1.att_dst:1x8x8', 'conv1.bias:64', 'conv1.lin.weight:64x4',
      'conv2.att_src:1x1x2', 'conv2.att_dst:1x1x2', 'conv2.bias:2', 'conv2.lin.weight:2x64',
    ]);
    expect(model.toString()).toBe('GAT(\n  (conv1): GATConv(4, 8, heads=8)\n  (conv2): GATConv(64, 2, heads=1)\n)');
    model.dispose();
  });

  it('manualSeed makes initialisation reproducible', () => {
    manualSeed(3);
    const a = new GCN(4, 2);
    manualSeed(3);
    const b = new GCN(4, 2);
    expect(Array.from(a.conv1.lin.weight.dataSync())).toEqual(Array.from(b.conv1.lin.weight.dataSync()));
    a.dispose();
    b.dispose();
  });
});
