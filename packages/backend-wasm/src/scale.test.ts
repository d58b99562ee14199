// tfjs-core alone registers no gradients of its own ops (the full @tensorflow/tfjs does).
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { gatherRows, segmentSoftmax, segmentSum, sddmm, spmm } from '@gnnjs/core';
import { assertRowsClose, assertSegmentsSumToOne, countIds, randomEdges, randomValues, sampleRows, weightedSumRows } from '@gnnjs/backend-cpu/testing';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import './index.js';

function bits(t: tf.Tensor): number[] {
  return Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
}

/** Rows of `[numNodes, columns]` whose every value is its node's count (a gradient of a sum through a gather). */
function countRows(counts: Int32Array, columns: number): Map<number, number[]> {
  return new Map(Array.from(counts, (c, v) => [v, new Array<number>(columns).fill(c)]));
}

describe('wasm kernels at graph scale', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  const [numNodes, numEdges, dim] = [2708, 10556, 1433];
  const coraEdges = randomEdges(numNodes, numEdges, 1);
  const edges = { src: coraEdges.slice(0, numEdges), dst: coraEdges.slice(numEdges) };
  const outDegree = countIds(edges.src, numNodes);

  it('gatherRows + segmentSum on a Cora-sized graph equal a float64 reference; the gradient is every node\'s out-degree', () => {
    const before = tf.memory().numTensors;
    const xValues = randomValues(numNodes * dim, 2);
    const [out, grad] = tf.tidy(() => {
      const x = tf.tensor2d(xValues, [numNodes, dim]);
      const src = tf.tensor1d(edges.src, 'int32');
      const dst = tf.tensor1d(edges.dst, 'int32');
      const f = (v: tf.Tensor) => segmentSum(gatherRows(v, src), dst, numNodes);
      return [f(x), tf.grad((v: tf.Tensor) => tf.sum(f(v)))(x)];
    });
    expect([out.shape, grad.shape]).toEqual([[numNodes, dim], [numNodes, dim]]);
    // The node with the most in-edges, and 40 others.
    const inDegree = countIds(edges.dst, numNodes);
    const rows = sampleRows(numNodes, 40, 3, [inDegree.indexOf(Math.max(...inDegree))]);
    assertRowsClose(out.dataSync() as Float32Array, dim, weightedSumRows(edges, xValues, dim, rows), 'segmentSum(gatherRows(x, src), dst)');
    assertRowsClose(grad.dataSync() as Float32Array, dim, countRows(outDegree, dim), 'd sum(segmentSum(gatherRows(x))) / dx', { absolute: 0, relative: 0 });
    tf.dispose([out, grad]);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it("tfjs's gather gradient on Cora's graph on wasm: every row is its node's out-degree", () => {
    const grad = tf.tidy(() => {
      const x = tf.tensor2d(randomValues(numNodes * 64, 2), [numNodes, 64]);
      const src = tf.tensor1d(edges.src, 'int32');
      return tf.grad((v: tf.Tensor) => tf.sum(tf.gather(v, src)))(x);
    });
    expect(grad.shape).toEqual([numNodes, 64]);
    assertRowsClose(grad.dataSync() as Float32Array, 64, countRows(outDegree, 64), 'd sum(gather(x, src)) / dx', { absolute: 0, relative: 0 });
    grad.dispose();
  }, 120_000);

  it("tf.grad through tf.gather works on wasm (its UnsortedSegmentSum is this package's)", () => {
    const grad = tf.tidy(() => {
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
      const indices = tf.tensor1d([2, 0, 2], 'int32');
      return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.gather(v, indices), tf.tensor2d([[1, 2], [3, 4], [5, 6]]))))(x).arraySync();
    });
    expect(grad).toEqual([[3, 4], [0, 0], [6, 8]]);
  });

  it('reads its inputs correctly when allocating the output grows the wasm heap', () => {
    const wasm = (tf.backend() as BackendWasm).wasm as unknown as { HEAPU8: Uint8Array };
    const x = tf.tensor2d(randomValues(4 * 1024, 3), [4, 1024]);
    const heapBefore = wasm.HEAPU8.buffer.byteLength;
    // An output larger than the whole current heap forces it to grow.
    const repeats = Math.ceil(heapBefore / (4 * 1024 * 4)) + 1;
    const indices = tf.tensor1d(new Int32Array(repeats * 4).map((_, k) => k % 4), 'int32');
    const out = gatherRows(x, indices);
    expect(wasm.HEAPU8.buffer.byteLength).toBeGreaterThan(heapBefore);
    const values = out.dataSync();
    const xs = x.dataSync();
    const last = (repeats * 4 - 1) * 1024;
    expect(Array.from(values.subarray(last, last + 1024))).toEqual(Array.from(xs.subarray(3 * 1024)));
    tf.dispose([x, indices, out]);
  }, 60_000);

  it('on a hub-heavy graph: softmax sums to 1 per segment, SpMM equals a float64 reference, and two runs are bit-identical', () => {
    const [n, e, heads, channels] = [500, 20_000, 4, 8];
    const edgeIndex = randomEdges(n, e, 11, 0.5);
    const hubEdges = { src: edgeIndex.slice(0, e), dst: edgeIndex.slice(e) };
    const hx = randomValues(n * heads * channels, 12);
    const run = () =>
      tf.tidy(() => {
        const edgeTensor = tf.tensor2d(edgeIndex, [2, e], 'int32');
        const dst = tf.tensor1d(hubEdges.dst, 'int32');
        const x = tf.tensor3d(hx, [n, heads, channels]);
        const score = tf.tensor2d(randomValues(n * heads, 13), [n, heads]);
        const alpha = segmentSoftmax(sddmm(edgeTensor, score, score, 'add'), dst, n);
        return [spmm(edgeTensor, x, alpha, n), segmentSum(gatherRows(x, dst), dst, n), alpha] as const;
      });
    const [out, sums, alpha] = run();
    const a = alpha.dataSync() as Float32Array;
    // Half the edges point at node 0: one segment of about 10 000 rows.
    assertSegmentsSumToOne(a, hubEdges.dst, n, heads, 'segmentSoftmax');
    const rowSize = heads * channels;
    const sample = sampleRows(n, 40, 4, [0]);
    assertRowsClose(out.dataSync() as Float32Array, rowSize, weightedSumRows(hubEdges, hx, rowSize, sample, { values: a, heads }), 'spmm(x, alpha)');
    // Each edge into v gathers x[v]: the sum is in-degree(v) · x[v] (float32
    // accumulation of node 0's ~10 000 equal terms drifts by up to ~n·ε/2 = 3e-4).
    const degree = countIds(hubEdges.dst, n);
    const expectedSums = new Map(sample.map((v) => [v, Array.from(hx.subarray(v * rowSize, (v + 1) * rowSize), (value) => degree[v]! * value)]));
    assertRowsClose(sums.dataSync() as Float32Array, rowSize, expectedSums, 'segmentSum(gatherRows(x, dst), dst)', { absolute: 1e-5, relative: 1e-3 });
    const again = run();
    expect([bits(again[0]), bits(again[1]), bits(again[2])]).toEqual([bits(out), bits(sums), bits(alpha)]);
    tf.dispose([out, sums, alpha, ...again]);
  });
});
