import * as tf from '@tensorflow/tfjs-core';
import { Module, nextSeed } from '@gnnjs/core';
import type { NodeClassificationGraph } from '../tasks/node_splits.js';

/**
 * Two 8-node cliques joined by one edge; class = clique, features = noisy
 * one-hot of the class. Small enough for many epochs in a test.
 */
export function tinyGraph(): NodeClassificationGraph & { numClasses: number; numFeatures: number } {
  const n = 16;
  const src: number[] = [];
  const dst: number[] = [];
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        if (i !== j) {
          src.push(c * 8 + i);
          dst.push(c * 8 + j);
        }
      }
    }
  }
  src.push(7, 8);
  dst.push(8, 7);
  const labels = Array.from({ length: n }, (_, i) => (i < 8 ? 0 : 1));
  const mask = (pick: (i: number) => boolean): tf.Tensor => tf.tensor1d(labels.map((_, i) => pick(i)), 'bool');
  return {
    x: tf.tidy(() => tf.add(tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), 4), 'float32'), tf.randomUniform([n, 4], 0, 0.8, 'float32', 7))) as tf.Tensor2D,
    edgeIndex: tf.tensor2d([src, dst], undefined, 'int32'),
    y: tf.tensor1d(labels, 'int32'),
    trainMask: mask((i) => i % 8 < 2),
    valMask: mask((i) => i % 8 >= 2 && i % 8 < 4),
    testMask: mask((i) => i % 8 >= 4),
    numClasses: 2,
    numFeatures: 4,
  };
}

/**
 * A two-layer mean-aggregation GNN with dropout, on a dense adjacency: enough
 * to exercise seeding, dropout and the training loop without @gnnjs/layers.
 */
export class TinyGnn extends Module {
  readonly w1: tf.Variable;
  readonly w2: tf.Variable;
  private readonly adjacency: tf.Tensor2D;

  constructor(inChannels: number, hidden: number, outChannels: number, edgeIndex: tf.Tensor2D, numNodes: number) {
    super();
    this.w1 = this.registerParameter('w1', tf.tidy(() => tf.variable(tf.randomNormal([inChannels, hidden], 0, 0.5, 'float32', nextSeed()))));
    this.w2 = this.registerParameter('w2', tf.tidy(() => tf.variable(tf.randomNormal([hidden, outChannels], 0, 0.5, 'float32', nextSeed()))));
    this.adjacency = tf.tidy(() => {
      const [src, dst] = tf.unstack(edgeIndex);
      const a = tf.scatterND(tf.stack([dst as tf.Tensor, src as tf.Tensor], 1), tf.ones([edgeIndex.shape[1]]), [numNodes, numNodes]);
      const withLoops = tf.add(a, tf.eye(numNodes));
      return tf.div(withLoops, tf.sum(withLoops, 1, true)) as tf.Tensor2D;
    });
  }

  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const drop = (t: tf.Tensor2D): tf.Tensor2D => (this.training ? (tf.dropout(t, 0.5, undefined, nextSeed()) as tf.Tensor2D) : t);
      const h = tf.relu(tf.matMul(this.adjacency, tf.matMul(drop(x), this.w1)));
      return tf.matMul(this.adjacency, tf.matMul(drop(h as tf.Tensor2D), this.w2));
    });
  }

  override dispose(): void {
    super.dispose();
    this.adjacency.dispose();
  }
}
