import { AdditiveAttention, AdditiveAttentionGrad, additiveAttention, isCompositeKernel } from '@gnnjs/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackendWasm } from '../base.js';
import '../index.js';
import { setWasmKernelsEnabled, wasmKernelsFor } from '../simd/gnn_kernels.js';
import { additiveAttentionConfig, additiveAttentionGradConfig } from './AdditiveAttention.js';

describe("fused additive attention on 'wasm'", () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('runs this package’s forward and backward kernels, on heap views', () => {
    const edgeIndex = tf.tensor2d([[0, 1, 1, 5], [1, 0, 1, 0]], [2, 4], 'int32');
    const lhs = tf.tensor3d([[[1, -2]], [[0.5, 0.5]]]);
    const rhs = tf.tensor3d([[[1, 1]], [[-1, 2]]]);
    const att = tf.tensor2d([[2, 3]]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.valueAndGrads((l: tf.Tensor, r: tf.Tensor, a: tf.Tensor) => tf.sum(additiveAttention(edgeIndex, l, r, a, 0.5)))([lhs, rhs, att]);
    // z per edge: [0, 0] (the kink), [1.5, 1.5], [-0.5, 2.5], out of range → logits 0, 7.5, 7, 0.
    expect(value.dataSync()[0]).toBeCloseTo(14.5, 5);
    expect(Array.from(grads[2]!.dataSync())).toEqual([1.25, 4]);
    expect(Array.from(grads[0]!.dataSync())).toEqual([1, 1.5, 3, 6]);
    tf.dispose([value, ...grads]);
    expect(tf.memory().numTensors).toBe(before);
    expect(isCompositeKernel(AdditiveAttentionGrad, 'wasm')).toBe(false);
    expect(tf.getKernel(AdditiveAttention, 'wasm')?.kernelFunc).toBe(additiveAttentionConfig.kernelFunc);
    expect(tf.getKernel(AdditiveAttentionGrad, 'wasm')?.kernelFunc).toBe(additiveAttentionGradConfig.kernelFunc);
    tf.dispose([edgeIndex, lhs, rhs, att]);
  });

  describe('SIMD and typed-array paths', () => {
    afterEach(() => setWasmKernelsEnabled(true));

    it.each([
      [3, 5, 0.2],
      [2, 8, 1.5],
      [1, 3, 0],
    ])('agree on H = %i, C = %i, slope %s, with edges out of range', (heads, channels, slope) => {
      expect(wasmKernelsFor(tf.backend() as BackendWasm)).not.toBeNull();
      const [numSrc, numDst, numEdges] = [9, 7, 120];
      const random = tf.randomUniform([2, numEdges], -1, 10, 'int32', 5);
      const evaluate = (): tf.Tensor[] =>
        tf.tidy(() => {
          const lhs = tf.randomUniform([numSrc, heads, channels], -1, 1, 'float32', 6);
          const rhs = tf.randomUniform([numDst, heads, channels], -1, 1, 'float32', 7);
          const att = tf.randomUniform([heads, channels], -1, 1, 'float32', 8);
          const dy = tf.randomUniform([numEdges, heads], -1, 1, 'float32', 9);
          const f = (l: tf.Tensor, r: tf.Tensor, a: tf.Tensor): tf.Tensor => additiveAttention(random, l, r, a, slope);
          const { value, grads } = tf.valueAndGrads(f)([lhs, rhs, att], dy);
          return [value, ...grads];
        });
      const simd = evaluate();
      setWasmKernelsEnabled(false);
      const plain = evaluate();
      for (const [k, t] of simd.entries()) {
        const [a, b] = [t.dataSync(), plain[k]!.dataSync()];
        a.forEach((v, q) => expect(Math.abs(v - b[q]!)).toBeLessThan(1e-5 + 1e-5 * Math.abs(b[q]!)));
      }
      tf.dispose([random, ...simd, ...plain]);
    });
  });
});
