/**
 * Two `GATConv` layers from `@gnnjs/layers` (self-loops added, 2 heads, then
 * 1), parameters overwritten with seeded values so that both backends start
 * from the same weights, trained for a few SGD steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GATConv } from '@gnnjs/layers';

const N = 10;
const IN = 4;
const CLASSES = 3;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** Losses of `steps` SGD steps of a 2-layer GAT (GATConv → ELU → GATConv) on the active backend. */
export async function trainGatConv(steps: number): Promise<number[]> {
  const rand = seeded(7);
  const src = Array.from({ length: N }, (_, i) => [(i + 1) % N, (i + 3) % N, 0]).flat();
  const dst = Array.from({ length: N }, (_, i) => [i, i, i === 0 ? 1 : i]).flat();
  const edgeIndex = tf.tensor2d([...src, ...dst], [2, src.length], 'int32');
  const x = tf.tensor2d(Array.from({ length: N * IN }, rand), [N, IN]);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: N }, (_, i) => i % CLASSES), 'int32'), CLASSES);
  const conv1 = new GATConv(IN, 4, { heads: 2 });
  const conv2 = new GATConv(8, CLASSES, { heads: 1 });
  const params = [...conv1.parameters(), ...conv2.parameters()];
  for (const p of params) p.assign(tf.tensor(Array.from({ length: p.size }, rand), p.shape));
  const optimizer = tf.train.sgd(0.5);

  const loss = (): tf.Scalar =>
    tf.losses.softmaxCrossEntropy(labels, conv2.forward(tf.elu(conv1.forward(x, edgeIndex)), edgeIndex));

  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const value = optimizer.minimize(loss, true, params);
    losses.push((await value!.data())[0]!);
    value!.dispose();
  }
  conv1.dispose();
  conv2.dispose();
  optimizer.dispose();
  tf.dispose([edgeIndex, x, labels]);
  return losses;
}
