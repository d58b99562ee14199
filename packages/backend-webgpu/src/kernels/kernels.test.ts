/**
 * The WGSL kernels against plain-JavaScript references, on small random
 * graphs with empty segments, repeated edges and multi-head features.
 * (The shared conformance suite runs in conformance_node.test.ts.)
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  GNN_KERNEL_NAMES,
  dropoutMask,
  gatherRows,
  isCompositeKernel,
  sddmm,
  seededDropout,
  segmentMax,
  segmentMean,
  segmentMin,
  segmentSoftmax,
  segmentSum,
  spmm,
} from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { nodeWebGPUMissing } from '../test_support/node_gpu.js';
import { refSegmentReduce, refSegmentSoftmax, refSpmm } from '../test_support/reference.js';

const missing = await nodeWebGPUMissing();

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const N = 7;
const E = 23;
const rand = rng(42);
// Node 6 receives no edge; node 0 is a hub.
const src = Int32Array.from({ length: E }, () => Math.floor(rand() * N));
const dst = Int32Array.from({ length: E }, (_, e) => (e % 3 === 0 ? 0 : Math.floor(rand() * (N - 1))));
const floats = (n: number): Float32Array => Float32Array.from({ length: n }, () => rand() * 4 - 2);

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const worst = actual.reduce((m, v, k) => Math.max(m, Math.abs(v - expected[k]!)), 0);
  expect(worst).toBeLessThan(1e-5);
}

async function values(t: tf.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

describe.skipIf(missing !== undefined)(skipTitle('WebGPU GNN kernels', missing), () => {
  beforeAll(() => expect(tf.getBackend()).toBe('webgpu'));

  it('runs its own kernels, not the composite defaults', () => {
    tf.tidy(() => segmentSum(tf.ones([1, 1]), tf.tensor1d([0], 'int32'), 1));
    for (const name of GNN_KERNEL_NAMES) expect(isCompositeKernel(name, 'webgpu')).toBe(false);
  });

  it('draws the dropout mask on the GPU exactly as the host does', async () => {
    const size = 5003;
    const x = floats(size).map((v, k) => (k % 5 === 0 ? 0 : v));
    for (const [rate, seed] of [[0.6, 7], [0.1, 0xfffffff0]] as const) {
      const mask = dropoutMask(size, rate, seed);
      const out = await values(seededDropout(tf.tensor1d(x), rate, seed));
      expect(out).toEqual(x.map((v, k) => Math.fround(v * mask[k]!)));
    }
  });

  it('gathers rows', async () => {
    const x = floats(N * 3);
    const out = await values(gatherRows(tf.tensor2d(x, [N, 3]), tf.tensor1d(src, 'int32')));
    const expected = Float32Array.from({ length: E * 3 }, (_, k) => x[src[Math.floor(k / 3)]! * 3 + (k % 3)]!);
    expect(out).toEqual(expected);
  });

  it.each(['sum', 'mean', 'max', 'min'] as const)('reduces segments (%s)', async (reducer) => {
    const data = floats(E * 2 * 3);
    const op = { sum: segmentSum, mean: segmentMean, max: segmentMax, min: segmentMin }[reducer];
    const out = await values(op(tf.tensor3d(data, [E, 2, 3]), tf.tensor1d(dst, 'int32'), N));
    const expected = refSegmentReduce(data, 6, dst, N, reducer);
    expectClose(out, expected);
  });

  it('normalises edge softmax per target and head', async () => {
    const logits = floats(E * 2);
    const out = await values(segmentSoftmax(tf.tensor2d(logits, [E, 2]), tf.tensor1d(dst, 'int32'), N));
    const expected = refSegmentSoftmax(logits, 2, dst, N);
    expectClose(out, expected);
  });

  it.each([
    ['unweighted', undefined],
    ['per-edge weight [E]', [E]],
    ['per-head weight [E, H]', [E, 2]],
  ] as const)('multiplies sparse by dense (%s)', async (_, weightShape) => {
    const x = floats(N * 2 * 3);
    const w = weightShape === undefined ? undefined : floats(weightShape.reduce((a, b) => a * b, 1));
    const edgeIndex = tf.tensor2d([...src, ...dst], [2, E], 'int32');
    const weight = w === undefined || weightShape === undefined ? undefined : tf.tensor(w, [...weightShape]);
    const out = await values(spmm(edgeIndex, tf.tensor3d(x, [N, 2, 3]), weight, N));
    const expected = refSpmm(src, dst, x, 6, w, weightShape?.[1] ?? 1, N);
    expectClose(out, expected);
  });

  it.each(['add', 'mul', 'dot'] as const)('computes per-edge values (%s)', async (op) => {
    const lhs = floats(N * 2 * 3);
    const rhs = floats(N * 2 * 3);
    const edgeIndex = tf.tensor2d([...src, ...dst], [2, E], 'int32');
    const out = await values(sddmm(edgeIndex, tf.tensor3d(lhs, [N, 2, 3]), tf.tensor3d(rhs, [N, 2, 3]), op));
    const per = op === 'dot' ? 2 : 6;
    const expected = Float32Array.from({ length: E * per }, (_, k) => {
      const e = Math.floor(k / per);
      const g = k % per;
      if (op === 'dot') {
        let acc = 0;
        for (let c = 0; c < 3; c++) acc += lhs[src[e]! * 6 + g * 3 + c]! * rhs[dst[e]! * 6 + g * 3 + c]!;
        return acc;
      }
      const a = lhs[src[e]! * 6 + g]!;
      const b = rhs[dst[e]! * 6 + g]!;
      return op === 'add' ? a + b : a * b;
    });
    expectClose(out, expected);
  });

  it('reads float inputs that tfjs backs with int32 buffers (a cast from int32)', async () => {
    const ids = tf.tensor1d(dst, 'int32');
    const out = await values(segmentSum(tf.cast(tf.onesLike(ids), 'float32'), ids, N));
    const expected = refSegmentReduce(new Float32Array(E).fill(1), 1, dst, N, 'sum');
    expectClose(out, expected);
  });

  it.each([[[N, 2, 1, 1, 3]], [[N, 1, 2, 1, 1, 1, 3]]])('handles rows of high rank (x: %j)', async (shape) => {
    const x = floats(N * 6);
    const out = gatherRows(tf.tensor(x, shape), tf.tensor1d(src, 'int32'));
    expect(out.shape).toEqual([E, ...shape.slice(1)]);
    const expected = Float32Array.from({ length: E * 6 }, (_, k) => x[src[Math.floor(k / 6)]! * 6 + (k % 6)]!);
    expect(await values(out)).toEqual(expected);
  });

  it('returns zeros for a graph without edges', async () => {
    const out = await values(spmm(tf.zeros([2, 0], 'int32'), tf.ones([3, 2]), undefined, 3));
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
