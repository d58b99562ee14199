/**
 * Micro-benchmarks of each GNN kernel on a Cora-sized random graph, with the
 * bandwidth (minimum bytes read and written) and, where the kernel does
 * arithmetic, the useful GFLOP/s it achieves.
 */
import * as tf from '@tensorflow/tfjs-core';
import { additiveAttention, gatherRows, sddmm, seededDropout, segmentMax, segmentMean, segmentSoftmax, segmentSum, spmm } from '@gnnjs/core';
import { randomEdges } from '@gnnjs/datasets';
import type { KernelResult } from '../results.js';
import { measure, type TimingOptions } from '../timing.js';

interface KernelCase {
  kernel: string;
  shape: string;
  bytes: number;
  flops?: number;
  run: () => tf.Tensor;
}

export async function runKernelBenchmarks(backend: string, timing: TimingOptions): Promise<KernelResult[]> {
  const N = 2708;
  const E = 13264;
  const D = 64;
  const H = 8;
  const C = 8;
  const edgeIndex = tf.tensor2d(randomEdges(N, E, 1), [2, E], 'int32');
  const dst = tf.tidy(() => tf.reshape(tf.slice(edgeIndex, [1, 0], [1, E]), [E]));
  const x = tf.randomNormal([N, D], 0, 1, 'float32', 1);
  const messages = tf.randomNormal([E, D], 0, 1, 'float32', 2);
  const logits = tf.randomNormal([E, H], 0, 1, 'float32', 3);
  const z = tf.randomNormal([N, H, C], 0, 1, 'float32', 4);
  const scores = tf.randomNormal([N, H], 0, 1, 'float32', 5);
  const att = tf.randomNormal([H, C], 0, 1, 'float32', 6);
  const upstream = tf.randomNormal([E, H], 0, 1, 'float32', 7);
  // Cora-like bag-of-words features: 1.3 % non-zero.
  const F = 1433;
  const features = tf.tidy(() => tf.mul(tf.randomUniform([N, F], 0, 1, 'float32', 8), tf.cast(tf.less(tf.randomUniform([N, F], 0, 1, 'float32', 9), 0.013), 'float32')));
  /** Forward and backward of `f` for the upstream gradient `dy` (the gradient is returned). */
  const withBackward = (f: (t: tf.Tensor) => tf.Tensor, input: tf.Tensor, dy: tf.Tensor) => () => tf.grad(f)(input, dy);
  const f = 4;
  const cases: KernelCase[] = [
    { kernel: 'gatherRows', shape: `[${N},${D}] -> [${E},${D}]`, bytes: f * (2 * E * D + E), run: () => gatherRows(x, dst) },
    { kernel: 'segmentSum', shape: `[${E},${D}] -> [${N},${D}]`, bytes: f * (E * D + E + N * D), flops: E * D, run: () => segmentSum(messages, dst, N) },
    { kernel: 'segmentMean', shape: `[${E},${D}] -> [${N},${D}]`, bytes: f * (E * D + E + N * D), flops: E * D, run: () => segmentMean(messages, dst, N) },
    { kernel: 'segmentMax', shape: `[${E},${D}] -> [${N},${D}]`, bytes: f * (E * D + E + N * D), flops: E * D, run: () => segmentMax(messages, dst, N) },
    { kernel: 'segmentSoftmax', shape: `[${E},${H}]`, bytes: f * (2 * E * H + E), flops: 4 * E * H, run: () => segmentSoftmax(logits, dst, N) },
    { kernel: 'spmm', shape: `x [${N},${H},${C}], w [${E},${H}]`, bytes: f * (E * H * C + E * H + 2 * E + N * H * C), flops: 2 * E * H * C, run: () => spmm(edgeIndex, z, logits, N) },
    { kernel: 'sddmm add', shape: `[${N},${H}] -> [${E},${H}]`, bytes: f * (3 * E * H + 2 * E), flops: E * H, run: () => sddmm(edgeIndex, scores, scores, 'add') },
    {
      kernel: 'additiveAttention',
      shape: `[${N},${H},${C}] -> [${E},${H}]`,
      bytes: f * (2 * E * H * C + E * H + 2 * E),
      flops: 4 * E * H * C,
      run: () => additiveAttention(edgeIndex, z, z, att, 0.2),
    },
    {
      kernel: 'additiveAttention fwd+bwd',
      shape: `[${N},${H},${C}] -> [${E},${H}]`,
      bytes: f * (4 * E * H * C + 2 * E * H + 4 * E),
      flops: 10 * E * H * C,
      run: withBackward((t) => additiveAttention(edgeIndex, t, z, att, 0.2), z, upstream),
    },
    {
      kernel: 'segmentSoftmax fwd+bwd',
      shape: `[${E},${H}]`,
      bytes: f * (6 * E * H + 2 * E),
      flops: 8 * E * H,
      run: withBackward((t) => segmentSoftmax(t, dst, N), logits, upstream),
    },
    { kernel: 'seededDropout', shape: `[${N},${F}] (1.3 % non-zero)`, bytes: f * 2 * N * F, run: () => seededDropout(features, 0.6, 1) },
    { kernel: 'sddmm dot', shape: `[${N},${H},${C}] -> [${E},${H}]`, bytes: f * (2 * E * H * C + E * H + 2 * E), flops: 2 * E * H * C, run: () => sddmm(edgeIndex, z, z, 'dot') },
  ];
  const results: KernelResult[] = [];
  for (const c of cases) {
    const t = await measure(async () => {
      const out = c.run();
      await out.data();
      out.dispose();
    }, timing);
    const seconds = t.medianMs / 1000;
    results.push({
      kind: 'kernel',
      backend,
      kernel: c.kernel,
      shape: c.shape,
      medianMs: t.medianMs,
      gbPerSecond: c.bytes / seconds / 1e9,
      ...(c.flops === undefined ? {} : { gflopPerSecond: c.flops / seconds / 1e9 }),
    });
  }
  tf.dispose([edgeIndex, dst, x, messages, logits, z, scores, att, upstream, features]);
  return results;
}
