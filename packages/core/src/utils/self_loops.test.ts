import '@tensorflow/tfjs-backend-cpu';
import '../tfjs_gradients/register_tfjs_gradients.js';
import '../kernels/composite/register_composites.js';
import '../gradients/register_all_gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError, ShapeError } from '../errors.js';
import { addRemainingSelfLoops } from './add_remaining_self_loops.js';
import { addSelfLoops } from './add_self_loops.js';
import { removeSelfLoops } from './remove_self_loops.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ei = (rows: number[][]): tf.Tensor2D => tf.tensor2d(rows, undefined, 'int32');

describe('removeSelfLoops', () => {
  it('drops (i, i) edges and their attributes, keeping order', () => {
    const edgeIndex = ei([
      [0, 1, 1, 2],
      [1, 1, 0, 2],
    ]);
    const attr = tf.tensor2d([[1], [2], [3], [4]]);
    const out = removeSelfLoops(edgeIndex, { edgeAttr: attr });
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(out.edgeAttr.arraySync()).toEqual([[1], [3]]);
    expect(out.edgeIndex.dtype).toBe('int32');
    expect(edgeIndex.isDisposed).toBe(false);
  });

  it('rejects a non-[2, E] or float edge index', () => {
    expect(() => removeSelfLoops(tf.tensor2d([[0, 1, 2]], undefined, 'int32'))).toThrow(ShapeError);
    expect(() => removeSelfLoops(tf.tensor2d([[0], [1]]))).toThrow(/int32/);
  });

  it('rejects an attribute with the wrong number of rows', () => {
    expect(() => removeSelfLoops(ei([[0], [1]]), { edgeAttr: tf.ones([2]) })).toThrow(ShapeError);
  });
});

describe('addSelfLoops', () => {
  it('appends one loop per node after the edges, even where loops exist', () => {
    const out = addSelfLoops(ei([[0, 1], [1, 1]]), { numNodes: 3 });
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 1, 0, 1, 2],
      [1, 1, 0, 1, 2],
    ]);
    expect(out.edgeAttr).toBeUndefined();
  });

  it('fills loop attributes with 1 by default, a number, a tensor, or a reduction over targets', () => {
    const edgeIndex = ei([
      [0, 2, 1],
      [1, 1, 0],
    ]);
    const w = tf.tensor1d([2, 4, 3]);
    expect(addSelfLoops(edgeIndex, { edgeAttr: w }).edgeAttr.arraySync()).toEqual([2, 4, 3, 1, 1, 1]);
    expect(addSelfLoops(edgeIndex, { edgeAttr: w, fillValue: 0.5 }).edgeAttr.arraySync()).toEqual([2, 4, 3, 0.5, 0.5, 0.5]);
    // node 0 receives 3, node 1 receives 2 and 4, node 2 nothing -> 0
    expect(addSelfLoops(edgeIndex, { edgeAttr: w, fillValue: 'mean' }).edgeAttr.arraySync()).toEqual([2, 4, 3, 3, 3, 0]);
    expect(addSelfLoops(edgeIndex, { edgeAttr: w, fillValue: 'add' }).edgeAttr.arraySync()).toEqual([2, 4, 3, 3, 6, 0]);
    expect(addSelfLoops(edgeIndex, { edgeAttr: w, fillValue: 'max' }).edgeAttr.arraySync()).toEqual([2, 4, 3, 3, 4, 0]);
    expect(addSelfLoops(edgeIndex, { edgeAttr: w, fillValue: 'min' }).edgeAttr.arraySync()).toEqual([2, 4, 3, 3, 2, 0]);
    const attr2d = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const filled = addSelfLoops(edgeIndex, { edgeAttr: attr2d, fillValue: tf.tensor1d([7, 8]) });
    expect(filled.edgeAttr.arraySync()).toEqual([
      [1, 0],
      [0, 1],
      [1, 1],
      [7, 8],
      [7, 8],
      [7, 8],
    ]);
  });

  it('rejects indices beyond numNodes and a bad fillValue', () => {
    expect(() => addSelfLoops(ei([[0], [3]]), { numNodes: 3 })).toThrow(GraphValidationError);
    expect(() => addSelfLoops(ei([[0], [1]]), { edgeAttr: tf.ones([1, 2]), fillValue: tf.ones([3]) })).toThrow(
      /fillValue/,
    );
  });
});

describe('addRemainingSelfLoops', () => {
  it("matches PyG's order: non-loop edges, then one loop per node 0..N-1", () => {
    // PyG fixture graph (gcnconv.json): 3->1 twice, loop 2->2, node 6 without in-edges.
    const edgeIndex = ei([
      [0, 1, 1, 3, 3, 2, 4, 2, 0, 5, 4, 3, 6, 1, 0],
      [1, 0, 2, 1, 1, 3, 3, 2, 4, 4, 5, 5, 0, 5, 3],
    ]);
    const out = addRemainingSelfLoops(edgeIndex, { numNodes: 7 });
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 1, 1, 3, 3, 2, 4, 0, 5, 4, 3, 6, 1, 0, 0, 1, 2, 3, 4, 5, 6],
      [1, 0, 2, 1, 1, 3, 3, 4, 4, 5, 5, 0, 5, 3, 0, 1, 2, 3, 4, 5, 6],
    ]);
  });

  it('keeps the attribute of an existing loop (the last one) and fills the rest', () => {
    const edgeIndex = ei([
      [1, 0, 1, 1],
      [1, 1, 1, 0],
    ]);
    const w = tf.tensor1d([5, 6, 7, 8]);
    const out = addRemainingSelfLoops(edgeIndex, { edgeAttr: w, fillValue: 2, numNodes: 3 });
    expect(out.edgeIndex.arraySync()).toEqual([
      [0, 1, 0, 1, 2],
      [1, 0, 0, 1, 2],
    ]);
    expect(out.edgeAttr.arraySync()).toEqual([6, 8, 2, 7, 2]);
  });

  it('passes gradients to the kept attributes and to a tensor fillValue', () => {
    const edgeIndex = ei([
      [0, 1, 1],
      [1, 1, 0],
    ]);
    const w = tf.tensor1d([1, 2, 3]);
    const fill = tf.scalar(4);
    const grads = tf.grads((a: tf.Tensor, f: tf.Tensor) => {
      const out = addRemainingSelfLoops(edgeIndex as tf.Tensor2D, { edgeAttr: a, fillValue: f });
      return tf.sum(tf.mul(out.edgeAttr, tf.tensor1d([1, 10, 100, 1000])));
    });
    const [ga, gf] = grads([w, fill]);
    // out attr rows: edge0 (x1), edge2 (x10), loop0 = fill (x100), loop1 = edge1 (x1000)
    expect(ga!.arraySync()).toEqual([1, 1000, 10]);
    expect(gf!.arraySync()).toEqual(100);
  });

  it('leaks no tensors', () => {
    const edgeIndex = ei([
      [0, 1, 1],
      [1, 1, 0],
    ]);
    const w = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numTensors;
    const out = addRemainingSelfLoops(edgeIndex, { edgeAttr: w, fillValue: 'mean' });
    expect(tf.memory().numTensors).toBe(before + 2);
    out.edgeIndex.dispose();
    out.edgeAttr.dispose();
    const plain = removeSelfLoops(edgeIndex, { edgeAttr: w });
    tf.dispose([plain.edgeIndex, plain.edgeAttr]);
    const added = addSelfLoops(edgeIndex, { edgeAttr: w, fillValue: 'max' });
    tf.dispose([added.edgeIndex, added.edgeAttr]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
