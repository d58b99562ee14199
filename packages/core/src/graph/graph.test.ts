import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError } from '../errors.js';
import { Graph, type GraphInit } from './graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The field named by the GraphValidationError that `build` throws. */
function failingField(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphValidationError);
    return (error as GraphValidationError).field;
  }
  throw new Error('expected a GraphValidationError');
}

const edges = (): tf.Tensor2D =>
  tf.tensor2d(
    [
      [0, 1, 1, 2],
      [1, 0, 2, 1],
    ],
    undefined,
    'int32',
  );

describe('Graph', () => {
  it('holds the fields and derives the counts', () => {
    const g = new Graph({ edgeIndex: edges(), x: tf.ones([4, 3]) as tf.Tensor2D, edgeWeight: tf.ones([4]) as tf.Tensor1D, numClasses: 2 });
    expect(g.numNodes).toBe(4);
    expect(g.numEdges).toBe(4);
    expect(g.numFeatures).toBe(3);
    expect(g.numEdgeFeatures).toBe(0);
    expect(g.numClasses).toBe(2);
    expect(g.toString()).toBe('Graph(x=[4, 3], edgeIndex=[2, 4], edgeWeight=[4], numNodes=4, numClasses=2)');
    expect(Object.isFrozen(g)).toBe(true);
    g.dispose();
    expect(g.isDisposed).toBe(true);
    expect(g.x!.isDisposed).toBe(true);
    expect(g.edgeWeight!.isDisposed).toBe(true);
  });

  it('infers numNodes from the largest index without x, and accepts array rows', () => {
    const g = new Graph({ edgeIndex: [[0, 5], [1, 2]] });
    expect(g.numNodes).toBe(6);
    expect(g.edgeIndex.dtype).toBe('int32');
    expect(new Graph({ edgeIndex: [[], []] }).numNodes).toBe(0);
    expect(new Graph({ edgeIndex: [[0], [1]], numNodes: 10 }).numNodes).toBe(10);
  });

  it('casts an integral float edge index to int32 and frees the float one', () => {
    const float = tf.tensor2d([[0, 1], [1, 0]]);
    const g = new Graph({ edgeIndex: float });
    expect(g.edgeIndex.dtype).toBe('int32');
    expect(float.isDisposed).toBe(true);
    expect(g.edgeIndex.arraySync()).toEqual([[0, 1], [1, 0]]);
  });

  it('names the offending field of every invalid input', () => {
    const x = (rows: number, cols = 2): tf.Tensor2D => tf.ones([rows, cols]) as tf.Tensor2D;
    const cases: [string, () => GraphInit][] = [
      ['edgeIndex', () => ({ edgeIndex: tf.tensor2d([[0, 1, 2]], undefined, 'int32') })], // [1, E]
      ['edgeIndex', () => ({ edgeIndex: tf.tensor1d([0, 1], 'int32') as unknown as tf.Tensor2D })], // rank 1
      ['edgeIndex', () => ({ edgeIndex: tf.tensor2d([[0, 1.5], [1, 0]]) })], // fraction in a float tensor
      ['edgeIndex', () => ({ edgeIndex: [[0, 0.5], [1, 0]] })], // fraction in arrays
      ['edgeIndex', () => ({ edgeIndex: [[0, -1], [1, 0]] })], // negative
      ['edgeIndex', () => ({ edgeIndex: [[0, 1], [1]] })], // rows of different lengths
      ['edgeIndex', () => ({ edgeIndex: [[0, 3], [1, 0]], x: x(3) })], // index >= rows of x
      ['numNodes', () => ({ edgeIndex: [[0, 3], [1, 0]], numNodes: 3 })], // numNodes < max + 1
      ['numNodes', () => ({ edgeIndex: [[0], [1]], numNodes: 2.5 })],
      ['x', () => ({ edgeIndex: [[0], [1]], x: tf.ones([2]) as unknown as tf.Tensor2D })], // rank 1
      ['x', () => ({ edgeIndex: [[0], [1]], x: tf.tensor2d([[1, NaN], [0, 0]]) })],
      ['x', () => ({ edgeIndex: [[0], [1]], x: tf.tensor2d([[1, Infinity], [0, 0]]) })],
      ['x', () => ({ edgeIndex: [[0], [1]], x: x(3), numNodes: 2 })], // rows != numNodes
      ['edgeAttr', () => ({ edgeIndex: [[0, 1], [1, 0]], edgeAttr: tf.ones([3, 2]) })],
      ['edgeAttr', () => ({ edgeIndex: [[0, 1], [1, 0]], edgeAttr: tf.tensor2d([[1], [NaN]]) })],
      ['edgeWeight', () => ({ edgeIndex: [[0, 1], [1, 0]], edgeWeight: tf.ones([3]) as tf.Tensor1D })],
      ['edgeWeight', () => ({ edgeIndex: [[0, 1], [1, 0]], edgeWeight: tf.tensor1d([1, Infinity]) })],
      ['edgeWeight', () => ({ edgeIndex: [[0, 1], [1, 0]], edgeWeight: tf.ones([2, 1]) as unknown as tf.Tensor1D })],
      ['y', () => ({ edgeIndex: [[0, 1], [1, 2]], y: tf.tensor1d([0, 1], 'int32') })], // 2 labels for 3 nodes
      ['trainMask', () => ({ edgeIndex: [[0, 1], [1, 2]], trainMask: tf.tensor1d([1, 0, 1], 'int32') })], // not bool
      ['valMask', () => ({ edgeIndex: [[0, 1], [1, 2]], valMask: tf.tensor1d([1, 0], 'bool') })], // wrong length
      ['testMask', () => ({ edgeIndex: [[0, 1], [1, 2]], testMask: [1, 0, 1] as unknown as tf.Tensor1D })], // not a tensor
      ['numClasses', () => ({ edgeIndex: [[0], [1]], numClasses: 0 })],
    ];
    for (const [field, init] of cases) {
      expect([field, failingField(() => new Graph(init()))]).toEqual([field, field]);
    }
  });

  it('accepts a graph-level target row and node-level targets', () => {
    expect(new Graph({ edgeIndex: [[0, 1], [1, 2]], y: tf.tensor1d([1], 'int32') }).y!.shape).toEqual([1]);
    expect(new Graph({ edgeIndex: [[0, 1], [1, 2]], y: tf.tensor1d([0, 1, 2], 'int32') }).y!.shape).toEqual([3]);
  });

  it('frees only what it created when validation fails', () => {
    const float = tf.tensor2d([[0, 1], [1, 0]]);
    const before = tf.memory().numTensors;
    expect(() => new Graph({ edgeIndex: float, edgeWeight: tf.ones([5]) as tf.Tensor1D })).toThrow(GraphValidationError);
    expect(float.isDisposed).toBe(false); // the caller may fix the call and retry
    expect(tf.memory().numTensors).toBe(before + 1); // only the ones([5]) made in this test
  });

  it('skips value checks with validate: false', () => {
    const g = new Graph({ edgeIndex: [[0], [1]], x: tf.tensor2d([[NaN], [1]]) }, { validate: false });
    expect(g.numNodes).toBe(2);
  });

  it('builds a destination-sorted CSR once and caches it', () => {
    const g = new Graph({ edgeIndex: [[2, 0, 1, 2, 0], [1, 2, 0, 0, 1]], numNodes: 4 });
    const csr = g.toCSR();
    expect(Array.from(csr.indptr)).toEqual([0, 2, 4, 5, 5]);
    // into 0: edges 2 (1->0), 3 (2->0); into 1: edges 0 (2->1), 4 (0->1); into 2: edge 1 (0->2)
    expect(Array.from(csr.edgePerm)).toEqual([2, 3, 0, 4, 1]);
    expect(Array.from(csr.indices)).toEqual([1, 2, 2, 0, 0]);
    expect(g.toCSR()).toBe(csr);
  });
});

describe('Graph constructors', () => {
  it('fromArrays builds every field from plain arrays', () => {
    const g = Graph.fromArrays({
      src: [0, 1],
      dst: [1, 2],
      x: [[1, 0], [0, 1], [1, 1]],
      edgeAttr: [[1], [2]],
      edgeWeight: [0.5, 2],
      y: [0, 1, 1],
      trainMask: [true, false, true],
      numClasses: 2,
    });
    expect(g.numNodes).toBe(3);
    expect(g.x!.arraySync()).toEqual([[1, 0], [0, 1], [1, 1]]);
    expect(g.y!.dtype).toBe('int32');
    expect(g.trainMask!.dtype).toBe('bool');
    expect(g.numEdgeFeatures).toBe(1);
    const flat = Graph.fromArrays({ src: [0], dst: [1], x: new Float32Array([1, 2, 3, 4, 5, 6]), xShape: [2, 3], y: [0.5, 1] });
    expect(flat.x!.shape).toEqual([2, 3]);
    expect(flat.y!.dtype).toBe('float32');
  });

  it('fromArrays frees the tensors it made when validation fails', () => {
    const before = tf.memory().numTensors;
    expect(() => Graph.fromArrays({ src: [0], dst: [5], x: [[1], [2]] })).toThrow(GraphValidationError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fromCOO takes index arrays and tensor fields', () => {
    const g = Graph.fromCOO({ row: new Int32Array([0, 1]), col: new Int32Array([1, 2]) }, { x: tf.ones([3, 4]) as tf.Tensor2D });
    expect(g.edgeIndex.arraySync()).toEqual([[0, 1], [1, 2]]);
    expect(g.numFeatures).toBe(4);
  });

  it('fromCSR reads rows as targets (adj_t) and round-trips through toCSR', () => {
    // into 0: from 1, 2; into 1: none; into 2: from 0
    const g = Graph.fromCSR({ indptr: [0, 2, 2, 3], indices: [1, 2, 0] });
    expect(g.numNodes).toBe(3);
    expect(g.edgeIndex.arraySync()).toEqual([[1, 2, 0], [0, 0, 2]]);
    const csr = g.toCSR();
    expect(Array.from(csr.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(csr.indices)).toEqual([1, 2, 0]);
    const rebuilt = new Graph({ edgeIndex: g.edgeIndex.clone() as tf.Tensor2D }, {}).toCSR();
    expect(Array.from(rebuilt.indices)).toEqual([1, 2, 0]);
    expect(() => Graph.fromCSR({ indptr: [0, 2, 1], indices: [0] })).toThrow(GraphValidationError);
    expect(() => Graph.fromCSR({ indptr: [0, 2, 1, 3], indices: [0, 1, 2] })).toThrow(/non-decreasing/);
  });
});
