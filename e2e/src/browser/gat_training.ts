/**
 * A small graph-attention network written with GNN.js's core ops (the same
 * dataflow as PyG's GATConv: linear map, SDDMM logits, edge softmax, SpMM),
 * trained for a few steps of SGD with fixed, seeded initial weights, so that
 * two backends can be compared loss by loss.
 */
import * as tf from '@tensorflow/tfjs-core';
import { sddmm, segmentSoftmax, spmm } from '@gnnjs/core';

const N = 12;
const IN = 5;
const HEADS = 2;
const CLASSES = 3;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function graph(): { src: number[]; dst: number[] } {
  const src: number[] = [];
  const dst: number[] = [];
  for (let i = 0; i < N; i++) {
    // A ring both ways, a hub at node 0, and a self-loop per node (as GATConv adds).
    for (const j of [(i + 1) % N, (i + N - 1) % N, i]) {
      src.push(j);
      dst.push(i);
    }
    if (i !== 0) {
      src.push(i);
      dst.push(0);
    }
  }
  return { src, dst };
}

/** Losses of `steps` SGD steps of a 1-layer, 2-head GAT on the active backend. */
export async function trainGat(steps: number): Promise<number[]> {
  const rand = seeded(2024);
  const { src, dst } = graph();
  const edgeIndex = tf.tensor2d([...src, ...dst], [2, src.length], 'int32');
  const x = tf.tensor2d(Array.from({ length: N * IN }, rand), [N, IN]);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: N }, (_, i) => i % CLASSES), 'int32'), CLASSES);
  const weight = tf.variable(tf.tensor2d(Array.from({ length: IN * HEADS * CLASSES }, rand), [IN, HEADS * CLASSES]));
  const attSrc = tf.variable(tf.tensor2d(Array.from({ length: HEADS * CLASSES }, rand), [HEADS, CLASSES]));
  const attDst = tf.variable(tf.tensor2d(Array.from({ length: HEADS * CLASSES }, rand), [HEADS, CLASSES]));
  const targets = tf.tensor1d(dst, 'int32');
  const optimizer = tf.train.sgd(0.5);

  const loss = (): tf.Scalar => {
    const z = tf.reshape(tf.matMul(x, weight), [N, HEADS, CLASSES]);
    const aSrc = tf.sum(tf.mul(z, attSrc), -1);
    const aDst = tf.sum(tf.mul(z, attDst), -1);
    const logits = tf.leakyRelu(sddmm(edgeIndex, aSrc, aDst, 'add'), 0.2);
    const alpha = segmentSoftmax(logits, targets, N);
    const out = tf.mean(spmm(edgeIndex, z, alpha, N), 1);
    return tf.losses.softmaxCrossEntropy(labels, out);
  };

  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const value = optimizer.minimize(loss, true, [weight, attSrc, attDst]);
    losses.push((await value!.data())[0]!);
    value!.dispose();
  }
  tf.dispose([edgeIndex, x, labels, weight, attSrc, attDst, targets]);
  optimizer.dispose();
  return losses;
}
