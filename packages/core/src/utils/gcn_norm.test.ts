import '@tensorflow/tfjs-backend-cpu';
import '../tfjs_gradients/register_tfjs_gradients.js';
import '../kernels/composite/register_composites.js';
import '../gradients/register_all_gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { degree } from './degree.js';
import { gcnNorm } from './gcn_norm.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Fixture {
  num_nodes: number;
  edge_index: { data: number[][] };
  gcn_norm: { edge_index: { data: number[][] }; edge_weight: { data: number[] } };
}

function fixture(name: string): Fixture {
  const path = fileURLToPath(new URL(`../../../../../shared/fixtures/pyg/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

function expectClose(actual: number[], expected: number[], tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThan(tol));
}

describe('gcnNorm', () => {
  for (const [file, addSelfLoops] of [
    ['gcnconv.json', true],
    ['gcnconv_no_self_loops.json', false],
  ] as const) {
    it(`matches PyG's gcn_norm (${file})`, () => {
      const f = fixture(file);
      const edgeIndex = tf.tensor2d(f.edge_index.data, undefined, 'int32');
      const out = gcnNorm(edgeIndex, { numNodes: f.num_nodes, addSelfLoops });
      expect(out.edgeIndex.arraySync()).toEqual(f.gcn_norm.edge_index.data);
      expectClose(Array.from(out.edgeWeight.dataSync()), f.gcn_norm.edge_weight.data);
      tf.dispose([edgeIndex, out.edgeIndex, out.edgeWeight]);
    });
  }

  it('uses self-loop weight 2 when improved, but keeps existing loops at their weight', () => {
    // 0 -> 1, loop 1 -> 1 (weight 1); node 0 gets a new loop of weight 2.
    const edgeIndex = tf.tensor2d([[0, 1], [1, 1]], undefined, 'int32');
    const out = gcnNorm(edgeIndex, { improved: true });
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 0, 1],
      [1, 0, 1],
    ]);
    // deg = [2, 2]: every weight is w / 2
    expectClose(Array.from(out.edgeWeight.dataSync()), [0.5, 1, 0.5]);
  });

  it('counts degrees over the sources with flow target_to_source', () => {
    const edgeIndex = tf.tensor2d([[0, 0], [1, 2]], undefined, 'int32');
    const out = gcnNorm(edgeIndex, { addSelfLoops: false, flow: 'target_to_source' });
    // deg over row: [2, 0, 0] -> dis = [1/sqrt2, 0, 0] -> weights 0
    expectClose(Array.from(out.edgeWeight.dataSync()), [0, 0]);
    const forward = gcnNorm(edgeIndex, { addSelfLoops: false });
    // deg over col: [0, 1, 1] -> dis[0] = 0
    expectClose(Array.from(forward.edgeWeight.dataSync()), [0, 0]);
  });

  it('is differentiable in edgeWeight, without NaN at isolated nodes', () => {
    const edgeIndex = tf.tensor2d([[0, 1, 2], [1, 0, 0]], undefined, 'int32');
    const g = tf.grad((w: tf.Tensor) => tf.sum(gcnNorm(edgeIndex, { edgeWeight: w as tf.Tensor1D, numNodes: 4 }).edgeWeight));
    const grad = Array.from(g(tf.tensor1d([1, 2, 0])).dataSync());
    expect(grad.every(Number.isFinite)).toBe(true);
    // finite differences on weight 0
    const f = (w: number[]): number =>
      tf.tidy(() => tf.sum(gcnNorm(edgeIndex, { edgeWeight: tf.tensor1d(w), numNodes: 4 }).edgeWeight).arraySync() as number);
    const h = 1e-2;
    const fd = (f([1 + h, 2, 0]) - f([1 - h, 2, 0])) / (2 * h);
    expect(Math.abs(grad[0]! - fd)).toBeLessThan(1e-3);
  });

  it('gives the same result with explicit unit weights (tensor path) as without (host path)', () => {
    const f = fixture('gcnconv.json');
    const edgeIndex = tf.tensor2d(f.edge_index.data, undefined, 'int32');
    for (const improved of [false, true]) {
      for (const addSelfLoops of [false, true]) {
        for (const flow of ['source_to_target', 'target_to_source'] as const) {
          const options = { numNodes: f.num_nodes, improved, addSelfLoops, flow };
          const host = gcnNorm(edgeIndex, options);
          const tensor = gcnNorm(edgeIndex, { ...options, edgeWeight: tf.ones([15]) as tf.Tensor1D });
          expect(tensor.edgeIndex.arraySync()).toEqual(host.edgeIndex.arraySync());
          expectClose(Array.from(tensor.edgeWeight.dataSync()), Array.from(host.edgeWeight.dataSync()));
        }
      }
    }
  });

  it('leaks no tensors', () => {
    const edgeIndex = tf.tensor2d([[0, 1], [1, 2]], undefined, 'int32');
    const before = tf.memory().numTensors;
    const out = gcnNorm(edgeIndex);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([out.edgeIndex, out.edgeWeight]);
    const w = tf.tensor1d([1, 2]);
    const weighted = gcnNorm(edgeIndex, { edgeWeight: w, improved: true });
    expect(tf.memory().numTensors).toBe(before + 3);
    tf.dispose([weighted.edgeIndex, weighted.edgeWeight, w]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('degree', () => {
  it('counts occurrences per node, with numNodes padding', () => {
    expect(degree(tf.tensor1d([0, 1, 1, 3], 'int32')).arraySync()).toEqual([1, 2, 0, 1]);
    expect(degree(new Int32Array([2, 2]), 4, 'int32').arraySync()).toEqual([0, 0, 2, 0]);
    expect(degree([], 2).arraySync()).toEqual([0, 0]);
    expect(degree([0, 0]).dtype).toBe('float32');
  });

  it('rejects indices outside numNodes', () => {
    expect(() => degree([0, 5], 3)).toThrow(/numNodes is 3/);
    expect(() => degree([-1])).toThrow(/index/);
  });
});
