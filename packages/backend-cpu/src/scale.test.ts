// tfjs-core alone registers no gradients of its own ops (the full @tensorflow/tfjs does).
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { gatherRows, segmentSoftmax, segmentSum, sddmm, spmm } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import './index.js';
import { assertRowsClose, assertSegmentsSumToOne, countIds, randomEdges, randomValues, sampleRows, weightedSumRows } from './testing/index.js';

function bits(t: tf.Tensor): number[] {
  return Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
}

/** Rows of `[numNodes, columns]` whose every value is its node's count (a gradient of a sum through a gather). */
function countRows(counts: Int32Array, columns: number): Map<number, number[]> {
  return new Map(Array.from(counts, (c, v) => [v, new Array<number>(columns).fill(c)]));
}

describe('cpu kernels at graph scale', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const [numNodes, numEdges, dim] = [2708, 10556, 1433];
  const coraEdges = randomEdges(numNodes, numEdges, 1);
  const edges = { src: coraEdges.slice(0, numEdges), dst: coraEdges.slice(numEdges) };
  const xValues = randomValues(numNodes * dim, 2);
  const coraInputs = () => ({
    x: tf.tensor2d(xValues, [numNodes, dim]),
    src: tf.tensor1d(edges.src, 'int32'),
    dst: tf.tensor1d(edges.dst, 'int32'),
  });
  // The node with the most in-edges, and 40 others.
  const inDegree = countIds(edges.dst, numNodes);
  const busiest = inDegree.indexOf(Math.max(...inDegree));
  const rows = sampleRows(numNodes, 40, 3, [busiest]);

  it('gatherRows + segmentSum on a Cora-sized graph (the stock UnsortedSegmentSum needs minutes) equal a float64 reference', () => {
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => {
      const { x, src, dst } = coraInputs();
      return segmentSum(gatherRows(x, src), dst, numNodes);
    });
    expect(out.shape).toEqual([numNodes, dim]);
    assertRowsClose(out.dataSync() as Float32Array, dim, weightedSumRows(edges, xValues, dim, rows), 'segmentSum(gatherRows(x, src), dst)');
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it("tfjs's own gather gradient, an UnsortedSegmentSum, runs on Cora's graph: every row is its node's out-degree", () => {
    // 64 features, not 1433: tfjs's cpu GatherV2, Multiply and Transpose around
    // the gradient are slow in their own right; the stock UnsortedSegmentSum
    // would still take minutes here.
    const grad = tf.tidy(() => {
      const x = tf.tensor2d(randomValues(numNodes * 64, 2), [numNodes, 64]);
      const src = tf.tensor1d(edges.src, 'int32');
      return tf.grad((v: tf.Tensor) => tf.sum(tf.gather(v, src)))(x);
    });
    expect(grad.shape).toEqual([numNodes, 64]);
    assertRowsClose(grad.dataSync() as Float32Array, 64, countRows(countIds(edges.src, numNodes), 64), 'd sum(gather(x, src)) / dx', { absolute: 0, relative: 0 });
    grad.dispose();
  }, 120_000);

  it('the gradient of gatherRows + segmentSum on a Cora-sized graph: every row is its node\'s out-degree', () => {
    const grad = tf.tidy(() => {
      const { x, src, dst } = coraInputs();
      return tf.grad((v: tf.Tensor) => tf.sum(segmentSum(gatherRows(v, src), dst, numNodes)))(x);
    });
    expect(grad.shape).toEqual([numNodes, dim]);
    assertRowsClose(grad.dataSync() as Float32Array, dim, countRows(countIds(edges.src, numNodes), dim), 'd sum(segmentSum(gatherRows(x))) / dx', { absolute: 0, relative: 0 });
    grad.dispose();
  }, 120_000);

  it('on a hub-heavy graph: softmax sums to 1 per segment, SpMM equals a float64 reference, and two runs are bit-identical', () => {
    const [numNodes, numEdges, heads, channels] = [500, 20_000, 4, 8];
    const edgeIndex = randomEdges(numNodes, numEdges, 11, 0.5);
    const hubEdges = { src: edgeIndex.slice(0, numEdges), dst: edgeIndex.slice(numEdges) };
    const hx = randomValues(numNodes * heads * channels, 12);
    const run = () =>
      tf.tidy(() => {
        const edgeTensor = tf.tensor2d(edgeIndex, [2, numEdges], 'int32');
        const dst = tf.tensor1d(hubEdges.dst, 'int32');
        const x = tf.tensor3d(hx, [numNodes, heads, channels]);
        const score = tf.tensor2d(randomValues(numNodes * heads, 13), [numNodes, heads]);
        const alpha = segmentSoftmax(sddmm(edgeTensor, score, score, 'add'), dst, numNodes);
        return [spmm(edgeTensor, x, alpha, numNodes), segmentSum(gatherRows(x, dst), dst, numNodes), alpha] as const;
      });
    const [out, sums, alpha] = run();
    const a = alpha.dataSync() as Float32Array;
    // Half the edges point at node 0: one segment of about 10 000 rows.
    assertSegmentsSumToOne(a, hubEdges.dst, numNodes, heads, 'segmentSoftmax');
    const rowSize = heads * channels;
    const sample = sampleRows(numNodes, 40, 4, [0]);
    assertRowsClose(out.dataSync() as Float32Array, rowSize, weightedSumRows(hubEdges, hx, rowSize, sample, { values: a, heads }), 'spmm(x, alpha)');
    // Each edge into v gathers x[v]: the sum is in-degree(v) · x[v] (float32
    // accumulation of node 0's ~10 000 equal terms drifts by up to ~n·ε/2 = 3e-4).
    const degree = countIds(hubEdges.dst, numNodes);
    const expectedSums = new Map(sample.map((v) => [v, Array.from(hx.subarray(v * rowSize, (v + 1) * rowSize), (value) => degree[v]! * value)]));
    assertRowsClose(sums.dataSync() as Float32Array, rowSize, expectedSums, 'segmentSum(gatherRows(x, dst), dst)', { absolute: 1e-5, relative: 1e-3 });
    const again = run();
    expect([bits(again[0]), bits(again[1]), bits(again[2])]).toEqual([bits(out), bits(sums), bits(alpha)]);
    tf.dispose([out, sums, alpha, ...again]);
  });
});
