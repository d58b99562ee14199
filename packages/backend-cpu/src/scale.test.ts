// tfjs-core alone registers no gradients of its own ops (the full @tensorflow/tfjs does).
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { gatherRows, segmentSoftmax, segmentSum, sddmm, spmm } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import './index.js';
import { randomEdges, randomValues } from './testing/index.js';

function bits(t: tf.Tensor): number[] {
  return Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
}

describe('cpu kernels at graph scale', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const [numNodes, numEdges, dim] = [2708, 10556, 1433];
  const coraEdges = randomEdges(numNodes, numEdges, 1);
  const coraInputs = () => ({
    x: tf.tensor2d(randomValues(numNodes * dim, 2), [numNodes, dim]),
    src: tf.tensor1d(coraEdges.subarray(0, numEdges), 'int32'),
    dst: tf.tensor1d(coraEdges.subarray(numEdges), 'int32'),
  });

  it('gatherRows + segmentSum run on a Cora-sized graph (the stock UnsortedSegmentSum needs minutes)', () => {
    const before = tf.memory().numTensors;
    const shape = tf.tidy(() => {
      const { x, src, dst } = coraInputs();
      return segmentSum(gatherRows(x, src), dst, numNodes).shape;
    });
    expect(shape).toEqual([numNodes, dim]);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it("tfjs's own gather gradient, an UnsortedSegmentSum, runs on Cora's graph", () => {
    // 64 features, not 1433: tfjs's cpu GatherV2, Multiply and Transpose around
    // the gradient are slow in their own right; the stock UnsortedSegmentSum
    // would still take minutes here.
    const shape = tf.tidy(() => {
      const x = tf.tensor2d(randomValues(numNodes * 64, 2), [numNodes, 64]);
      const src = tf.tensor1d(coraEdges.subarray(0, numEdges), 'int32');
      return tf.grad((v: tf.Tensor) => tf.sum(tf.gather(v, src)))(x).shape;
    });
    expect(shape).toEqual([numNodes, 64]);
  }, 120_000);

  it('the gradient of gatherRows + segmentSum runs on a Cora-sized graph', () => {
    const shape = tf.tidy(() => {
      const { x, src, dst } = coraInputs();
      return tf.grad((v: tf.Tensor) => tf.sum(segmentSum(gatherRows(v, src), dst, numNodes)))(x).shape;
    });
    expect(shape).toEqual([numNodes, dim]);
  }, 120_000);

  it('is deterministic on a hub-heavy graph: two runs give bit-identical outputs', () => {
    const [numNodes, numEdges, heads, channels] = [500, 20_000, 4, 8];
    const edgeIndex = randomEdges(numNodes, numEdges, 11, 0.5);
    const run = () =>
      tf.tidy(() => {
        const edges = tf.tensor2d(edgeIndex, [2, numEdges], 'int32');
        const dst = tf.tensor1d(edgeIndex.subarray(numEdges), 'int32');
        const x = tf.tensor3d(randomValues(numNodes * heads * channels, 12), [numNodes, heads, channels]);
        const score = tf.tensor2d(randomValues(numNodes * heads, 13), [numNodes, heads]);
        const alpha = segmentSoftmax(sddmm(edges, score, score, 'add'), dst, numNodes);
        return [bits(spmm(edges, x, alpha, numNodes)), bits(segmentSum(gatherRows(x, dst), dst, numNodes)), bits(alpha)];
      });
    expect(run()).toEqual(run());
  });
});
