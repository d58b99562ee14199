import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { dropoutMask, gatherRows, sddmm, seededDropout, segmentAttention, segmentMean, segmentSoftmax, segmentSum, spmm, type SDDMMOp } from '@gnnjs/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackendWasm } from '../base.js';
import '../index.js';
import { setWasmKernelsEnabled, wasmKernelsFor } from './gnn_kernels.js';
import { gnnKernelsWasmBase64 } from './gnn_kernels_wasm.js';

/** Deterministic values in [-2, 2) with a few exact zeros. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    out[i] = i % 11 === 0 ? 0 : ((s >>> 0) / 2 ** 32) * 4 - 2;
  }
  return out;
}

/** Ids in [-1, range] so that some fall outside `[0, range)`. */
function ids(n: number, range: number, seed: number): Int32Array {
  return Int32Array.from(values(n, seed), (v) => Math.floor(((v + 2) / 4) * (range + 2)) - 1);
}

/** Runs `f` with the SIMD kernels and with the typed-array ones. */
function bothWays(f: () => tf.Tensor): [Float32Array, Float32Array] {
  const simd = tf.tidy(f);
  setWasmKernelsEnabled(false);
  const plain = tf.tidy(f);
  setWasmKernelsEnabled(true);
  const out: [Float32Array, Float32Array] = [simd.dataSync() as Float32Array, plain.dataSync() as Float32Array];
  tf.dispose([simd, plain]);
  return out;
}

function expectClose([actual, expected]: [Float32Array, Float32Array], tolerance = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const [a, b] = [actual[i]!, expected[i]!];
    if (Number.isNaN(b)) expect(a, `index ${i}`).toBeNaN();
    else expect(Math.abs(a - b), `index ${i}: ${a} vs ${b}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(b)));
  }
}

const numNodes = 37;
const numEdges = 301;
const edgeIndex = () => tf.tensor2d([...ids(numEdges, numNodes, 3), ...ids(numEdges, numNodes, 4)], [2, numEdges], 'int32');

describe('WebAssembly SIMD GNN kernels', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterEach(() => setWasmKernelsEnabled(true));

  it('embeds the binary compiled from gnn_kernels.wat', () => {
    const script = fileURLToPath(new URL('../../scripts/build-wasm.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('is valid WebAssembly with SIMD', () => {
    expect(WebAssembly.validate(Uint8Array.from(atob(gnnKernelsWasmBase64), (c) => c.charCodeAt(0)))).toBe(true);
  });

  it("instantiates on the wasm backend's own memory", () => {
    expect(wasmKernelsFor(tf.backend() as BackendWasm)).not.toBeNull();
    setWasmKernelsEnabled(false);
    expect(wasmKernelsFor(tf.backend() as BackendWasm)).toBeNull();
  });

  // Row shapes: scalar rows, a tail shorter than 4 lanes, whole lanes, lanes plus a tail.
  for (const [heads, channels] of [[1, 1], [3, 1], [2, 3], [8, 8], [2, 13]] as const) {
    const rowSize = heads * channels;
    describe(`rows of ${heads}×${channels}`, () => {
      const x = () => tf.tensor3d(values(numNodes * rowSize, 7), [numNodes, heads, channels]);
      const perEdge = (seed: number) => tf.tensor2d(values(numEdges * heads, seed), [numEdges, heads]);

      it('SpMM without weights, with a weight per head, and with a weight per value', () => {
        expectClose(bothWays(() => spmm(edgeIndex(), x(), undefined, numNodes + 2)));
        expectClose(bothWays(() => spmm(edgeIndex(), x(), perEdge(5), numNodes)));
        const full = () => tf.tensor3d(values(numEdges * rowSize, 6), [numEdges, heads, channels]);
        expectClose(bothWays(() => spmm(edgeIndex(), x(), full(), numNodes)));
      });

      for (const op of ['add', 'mul', 'dot'] as SDDMMOp[]) {
        it(`SDDMM '${op}'`, () => {
          const rhs = () => tf.tensor3d(values((numNodes - 3) * rowSize, 9), [numNodes - 3, heads, channels]);
          expectClose(bothWays(() => sddmm(edgeIndex(), x(), rhs(), op)));
        });
      }

      it('segment sum and mean, edge softmax, and row gathering', () => {
        const data = () => tf.tensor2d(values(numEdges * rowSize, 8), [numEdges, rowSize]);
        const segments = () => tf.tensor1d(ids(numEdges, numNodes, 10), 'int32');
        expectClose(bothWays(() => segmentSum(data(), segments(), numNodes)));
        expectClose(bothWays(() => segmentMean(data(), segments(), numNodes)));
        expectClose(bothWays(() => segmentSoftmax(tf.mul(data(), 30), segments(), numNodes)));
        expectClose(bothWays(() => gatherRows(x(), segments())));
      });
    });
  }

  it('edge softmax keeps NaN, gives 0 to a fully -Infinity segment, and survives logits 100 apart', () => {
    const logits = tf.tensor2d([NaN, 1, 2, -Infinity, -Infinity, 0, -100, 0], [8, 1]);
    const segments = tf.tensor1d([0, 0, 1, 2, 2, 3, 3, 4], 'int32');
    const [simd, plain] = bothWays(() => segmentSoftmax(logits, segments, 5));
    expectClose([simd, plain]);
    expect(Array.from(simd.slice(5))).toEqual([1, Math.fround(Math.exp(-100)), 1]);
    tf.dispose([logits, segments]);
  });

  describe('zero-skipping matrix product', () => {
    /** `rows × cols` values, about `density` of them non-zero. */
    const sparse = (rows: number, cols: number, density: number, seed: number) =>
      tf.tensor2d(values(rows * cols, seed).map((v, i) => ((i * 2654435761) % 1000) / 1000 < density ? v || 1 : 0), [rows, cols]);
    const dense = (rows: number, cols: number, seed: number) => tf.tensor2d(values(rows * cols, seed), [rows, cols]);

    it('over the non-zeros of a tall sparse left operand (odd row length: lanes and a tail)', () => {
      expectClose(bothWays(() => tf.matMul(sparse(301, 143, 0.02, 1), dense(143, 13, 2))));
    });

    it('over the non-zeros of a sparse right operand (the weight gradient `hᵀ · x`)', () => {
      expectClose(bothWays(() => tf.matMul(dense(7, 301, 3), sparse(301, 143, 0.02, 4))));
    });

    it('keeps the non-zeros of a constant operand and of dropout\'s output: repeated products, forward and weight gradient', () => {
      const features = sparse(301, 143, 0.02, 9);
      const w = dense(143, 13, 10);
      const h = dense(7, 301, 11);
      for (let round = 0; round < 2; round++) {
        expectClose(bothWays(() => tf.matMul(features, w)));
        expectClose(bothWays(() => tf.matMul(h, features)));
        expectClose(bothWays(() => tf.matMul(seededDropout(features, 0.5, round + 1), w)));
        expectClose(bothWays(() => tf.matMul(h, seededDropout(features, 0.5, round + 1))));
      }
      tf.dispose([features, w, h]);
    });

    it('gives dense operands to the dense kernel, and propagates NaN', () => {
      expectClose(bothWays(() => tf.matMul(dense(120, 90, 5), dense(90, 17, 6))), 1e-5);
      const withNaN = () => tf.concat([sparse(200, 143, 0.02, 7), tf.fill([1, 143], NaN)]);
      const [simd] = bothWays(() => tf.matMul(withNaN(), dense(143, 9, 8)));
      expect(simd.slice(200 * 9).every(Number.isNaN)).toBe(true);
      expect(simd.slice(0, 200 * 9).some(Number.isNaN)).toBe(false);
    });
  });

  it('dropout draws exactly the host mask, four lanes at a time and in the tail, skipping zero blocks', () => {
    for (const [size, rate, seed] of [[4099, 0.6, 1], [13, 0.5, 0xfffffffe], [3, 0.9, 5]] as const) {
      // Runs of zeros (skipped blocks), NaN and -0 among them.
      const data = values(size, seed + 1).map((v, i) => (i % 16 < 9 ? 0 : i % 97 === 0 ? NaN : i % 89 === 0 ? -0 : v));
      const mask = dropoutMask(size, rate, seed);
      const [simd, plain] = bothWays(() => seededDropout(tf.tensor1d(data), rate, seed));
      const expected = data.map((v, i) => Math.fround(v * mask[i]!));
      expect(Array.from(simd)).toEqual(Array.from(expected));
      expect(Array.from(plain)).toEqual(Array.from(expected));
    }
  });

  it('dropout of sparse features works from their non-zeros and gives x · mask exactly', () => {
    const [rows, cols] = [120, 151];
    const x = new Float32Array(rows * cols);
    // Zeros first and last: the output's zeros are written, not left over.
    for (let i = 5; i < x.length - 5; i += 97) x[i] = ((i % 13) - 6) / 4 || 0.5;
    x[97 * 5 + 5] = NaN;
    const features = tf.tensor2d(x, [rows, cols]);
    for (const seed of [1, 2]) {
      const mask = dropoutMask(rows * cols, 0.6, seed);
      const [fromNonZeros, plain] = bothWays(() => seededDropout(features, 0.6, seed));
      const expected = Array.from(x, (v, i) => Math.fround(v * mask[i]!));
      expect(Array.from(fromNonZeros)).toEqual(expected);
      expect(Array.from(plain)).toEqual(expected);
    }
    features.dispose();
  });

  it('matches on an empty edge set', () => {
    const empty = () => tf.tensor2d([], [2, 0], 'int32');
    const x = () => tf.ones([4, 3]);
    expectClose(bothWays(() => spmm(empty(), x(), undefined, 4)));
    expectClose(bothWays(() => sddmm(empty(), x(), x(), 'dot')));
  });

  it('edge softmax backward: one fused pass, as the composite formula', () => {
    for (const rowSize of [1, 3, 8]) {
      const logits = () => tf.tensor2d(values(numEdges * rowSize, 11), [numEdges, rowSize]);
      const segments = () => tf.tensor1d(ids(numEdges, numNodes, 12), 'int32');
      const dy = () => tf.tensor2d(values(numEdges * rowSize, 13), [numEdges, rowSize]);
      const backward = () => tf.grad((l: tf.Tensor) => segmentSoftmax(l, segments(), numNodes))(logits(), dy());
      expectClose(bothWays(backward));
    }
  });

  it('leaks no tensors (the softmax scratch buffer included)', () => {
    const before = tf.memory().numTensors;
    const dataIds = (tf.backend() as BackendWasm).numDataIds();
    const logits = tf.tensor2d(values(40, 1), [20, 2]);
    const segments = tf.tensor1d(ids(20, 5, 2), 'int32');
    tf.dispose(segmentSoftmax(logits, segments, 5));
    tf.dispose([logits, segments]);
    expect(tf.memory().numTensors).toBe(before);
    expect((tf.backend() as BackendWasm).numDataIds()).toBe(dataIds);
  });

  it('segment attention and its gradients: SIMD against the typed arrays, on uneven segments and head widths off the lanes', () => {
    for (const [heads, keyDim, valueDim] of [[1, 8, 8], [3, 5, 2], [2, 4, 7]] as const) {
      const n = 41;
      const segmentIds = () => tf.tensor1d(ids(n, 6, 9), 'int32');
      const qkv = (seed: number, d: number) => tf.tensor3d(values(n * heads * d, seed), [n, heads, d]);
      expectClose(bothWays(() => segmentAttention(qkv(1, keyDim), qkv(2, keyDim), qkv(3, valueDim), segmentIds(), 6)), 1e-5);
      for (const which of [0, 1, 2]) {
        const grad = () => {
          const [q, k, v] = [qkv(1, keyDim), qkv(2, keyDim), qkv(3, valueDim)];
          const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(segmentAttention(a, b, c, segmentIds(), 6), qkv(4, valueDim)));
          return tf.grads(f)([q, k, v])[which]!;
        };
        expectClose(bothWays(grad), 1e-5);
      }
    }
  });
});
