import '@tensorflow/tfjs-backend-cpu';
import '../kernels/composite/register_composites.js';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError } from '../errors.js';
import { globalAddPool, globalMaxPool, globalMeanPool } from '../pool/global_pool.js';
import { Batch } from './batch.js';
import { Graph } from './graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function triangle(): Graph {
  return Graph.fromArrays({
    src: [0, 1, 2],
    dst: [1, 2, 0],
    x: [[1, 0], [2, 0], [3, 0]],
    edgeWeight: [1, 2, 3],
    y: [0, 1, 0],
    trainMask: [true, false, true],
  });
}

function pair(): Graph {
  return Graph.fromArrays({ src: [1], dst: [0], x: [[10, 1], [20, 2]], edgeWeight: [4], y: [1, 1], trainMask: [false, true] });
}

describe('Batch', () => {
  it('joins graphs into a disjoint union with PyG offsets', () => {
    const b = Batch.fromGraphs([triangle(), pair(), triangle()]);
    expect(b.numGraphs).toBe(3);
    expect(b.numNodes).toBe(8);
    expect(Array.from(b.ptr)).toEqual([0, 3, 5, 8]);
    expect(Array.from(b.edgePtr)).toEqual([0, 3, 4, 7]);
    expect(b.batch.arraySync()).toEqual([0, 0, 0, 1, 1, 2, 2, 2]);
    expect(b.edgeIndex.arraySync()).toEqual([
      [0, 1, 2, 4, 5, 6, 7],
      [1, 2, 0, 3, 6, 7, 5],
    ]);
    expect(b.x!.shape).toEqual([8, 2]);
    expect(b.edgeWeight!.arraySync()).toEqual([1, 2, 3, 4, 1, 2, 3]);
    expect(b.y!.arraySync()).toEqual([0, 1, 0, 1, 1, 0, 1, 0]);
    expect(b.trainMask!.arraySync()).toEqual([1, 0, 1, 0, 1, 1, 0, 1]);
    expect(b).toBeInstanceOf(Graph);
    expect(Object.isFrozen(b)).toBe(true);
  });

  it('unbatch inverts fromGraphs exactly', () => {
    const graphs = [triangle(), pair(), Graph.fromArrays({ src: [], dst: [], x: [[5, 5]], edgeWeight: [], y: [2], trainMask: [true] })];
    const back = Batch.fromGraphs(graphs).unbatch();
    expect(back).toHaveLength(3);
    back.forEach((g, i) => {
      const original = graphs[i]!;
      expect(g.numNodes).toBe(original.numNodes);
      for (const field of ['edgeIndex', 'x', 'edgeWeight', 'y', 'trainMask'] as const) {
        expect(g[field]!.dtype).toBe(original[field]!.dtype);
        expect(g[field]!.arraySync()).toEqual(original[field]!.arraySync());
      }
    });
  });

  it('keeps graph-level targets per graph, scalars included', () => {
    const a = new Graph({ edgeIndex: [[0], [1]], y: tf.tensor2d([[1, 2]]) });
    const b = new Graph({ edgeIndex: [[0, 1], [1, 2]], y: tf.tensor2d([[3, 4]]) });
    const batch = Batch.fromGraphs([a, b]);
    expect(batch.y!.arraySync()).toEqual([[1, 2], [3, 4]]);
    const [ua, ub] = batch.unbatch();
    expect(ua!.y!.arraySync()).toEqual([[1, 2]]);
    expect(ub!.y!.arraySync()).toEqual([[3, 4]]);
    const scalar = Batch.fromGraphs([new Graph({ edgeIndex: [[0], [1]], y: tf.scalar(7) })]).unbatch();
    expect(scalar[0]!.y!.shape).toEqual([]);
  });

  it('rejects graphs whose fields differ', () => {
    const withX = triangle();
    const withoutX = new Graph({ edgeIndex: [[0], [1]] });
    expect(() => Batch.fromGraphs([withX, withoutX])).toThrow(GraphValidationError);
    // Either order fails, naming the field (a try/catch would pass if nothing threw).
    expect(() => Batch.fromGraphs([withoutX, withX])).toThrow(expect.objectContaining({ name: 'GraphValidationError', field: 'x' }));
    const wide = Graph.fromArrays({ src: [0], dst: [1], x: [[1, 2, 3], [4, 5, 6]], edgeWeight: [1], y: [0, 0], trainMask: [true, true] });
    expect(() => Batch.fromGraphs([triangle(), wide])).toThrow(/graph 1 has x of shape \[2, 3\]/);
    expect(() => Batch.fromGraphs([])).toThrow(GraphValidationError);
  });

  it('owns its tensors and leaves the inputs alone', () => {
    const graphs = [triangle(), pair()];
    const before = tf.memory().numTensors;
    const batch = Batch.fromGraphs(graphs);
    batch.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(graphs.every((g) => !g.isDisposed)).toBe(true);
    const parts = Batch.fromGraphs(graphs);
    const graphsBack = parts.unbatch();
    parts.dispose();
    graphsBack.forEach((g) => g.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('global pooling', () => {
  const x = (): tf.Tensor2D => tf.tensor2d([[1, 5], [3, 1], [10, 0], [-1, -2]]);
  const batch = (): tf.Tensor1D => tf.tensor1d([0, 0, 1, 1], 'int32');

  it('sums, averages and maximises per graph', () => {
    expect(globalAddPool(x(), batch()).arraySync()).toEqual([[4, 6], [9, -2]]);
    expect(globalMeanPool(x(), batch()).arraySync()).toEqual([[2, 3], [4.5, -1]]);
    expect(globalMaxPool(x(), batch()).arraySync()).toEqual([[3, 5], [10, 0]]);
  });

  it('pools all nodes into one row without batch, and pads to size', () => {
    expect(globalAddPool(x()).arraySync()).toEqual([[13, 4]]);
    expect(globalMeanPool(x(), null).arraySync()).toEqual([[3.25, 1]]);
    expect(globalMaxPool(x()).arraySync()).toEqual([[10, 5]]);
    expect(globalAddPool(x(), batch(), 3).arraySync()).toEqual([[4, 6], [9, -2], [0, 0]]);
  });

  it('works on a Batch', () => {
    const b = Batch.fromGraphs([triangle(), pair()]);
    expect(globalMeanPool(b.x!, b.batch, b.numGraphs).arraySync()).toEqual([[2, 0], [15, 1.5]]);
  });
});
