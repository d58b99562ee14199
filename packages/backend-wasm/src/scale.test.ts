// tfjs-core alone registers no gradients of its own ops (the full @tensorflow/tfjs does).
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { gatherRows, segmentSoftmax, segmentSum, sddmm, spmm } from '@gnnjs/core';
import { randomEdges, randomValues } from '@gnnjs/backend-cpu/testing';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import './index.js';

function bits(t: tf.Tensor): number[] {
  return Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
}

describe('wasm kernels at graph scale', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });

  const [numNodes, numEdges, dim] = [2708, 10556, 1433];
  const coraEdges = randomEdges(numNodes, numEdges, 1);

  it('gatherRows + segmentSum and their gradient run on a Cora-sized graph', () => {
    const before = tf.memory().numTensors;
    const shapes = tf.tidy(() => {
      const x = tf.tensor2d(randomValues(numNodes * dim, 2), [numNodes, dim]);
      const src = tf.tensor1d(coraEdges.subarray(0, numEdges), 'int32');
      const dst = tf.tensor1d(coraEdges.subarray(numEdges), 'int32');
      const f = (v: tf.Tensor) => segmentSum(gatherRows(v, src), dst, numNodes);
      return [f(x).shape, tf.grad((v: tf.Tensor) => tf.sum(f(v)))(x).shape];
    });
    expect(shapes).toEqual([[numNodes, dim], [numNodes, dim]]);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it("tfjs's gather gradient runs on Cora's graph on wasm", () => {
    const shape = tf.tidy(() => {
      const x = tf.tensor2d(randomValues(numNodes * 64, 2), [numNodes, 64]);
      const src = tf.tensor1d(coraEdges.subarray(0, numEdges), 'int32');
      return tf.grad((v: tf.Tensor) => tf.sum(tf.gather(v, src)))(x).shape;
    });
    expect(shape).toEqual([numNodes, 64]);
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

  it('is deterministic on a hub-heavy graph: two runs give bit-identical outputs', () => {
    const [n, e, heads, channels] = [500, 20_000, 4, 8];
    const edgeIndex = randomEdges(n, e, 11, 0.5);
    const run = () =>
      tf.tidy(() => {
        const edges = tf.tensor2d(edgeIndex, [2, e], 'int32');
        const dst = tf.tensor1d(edgeIndex.subarray(e), 'int32');
        const x = tf.tensor3d(randomValues(n * heads * channels, 12), [n, heads, channels]);
        const score = tf.tensor2d(randomValues(n * heads, 13), [n, heads]);
        const alpha = segmentSoftmax(sddmm(edges, score, score, 'add'), dst, n);
        return [bits(spmm(edges, x, alpha, n)), bits(segmentSum(gatherRows(x, dst), dst, n)), bits(alpha)];
      });
    expect(run()).toEqual(run());
  });
});
