import type * as tf from '@tensorflow/tfjs-core';
import { Graph, GraphValidationError } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/backend.js';
import { RandomNodeSplit } from './random_node_split.js';

beforeAll(useCpuBackend);

const count = (m: tf.Tensor | undefined): number => (m!.dataSync() as Uint8Array).reduce((s, v) => s + v, 0);

/** The GraphValidationError `call` throws. */
function splitError(call: () => unknown): GraphValidationError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphValidationError);
    return error as GraphValidationError;
  }
  throw new Error('expected a GraphValidationError');
}

/** `sizes[c]` nodes of class c, in class order. */
function labelledGraph(sizes: readonly number[]): Graph {
  const y = sizes.flatMap((n, c) => Array.from({ length: n }, () => c));
  return Graph.fromArrays({ src: [], dst: [], numNodes: y.length, y });
}

describe('RandomNodeSplit refuses splits that leave a part empty (issue 19, item 6)', () => {
  it("'random' with more training nodes per class than exist names numTrainPerClass and the counts", () => {
    const g = labelledGraph([10, 20]);
    const error = splitError(() => new RandomNodeSplit({ split: 'random', numTrainPerClass: 25, numVal: 5, numTest: 5 }).apply(g));
    expect(error.field).toBe('numTrainPerClass');
    expect(error.message).toContain('25 training nodes per class take all 30 nodes (class sizes: 0: 10, 1: 20)');
    expect(error.message).toContain('numVal = 5');
    g.dispose();
  });

  it("'test_rest' whose validation takes every remaining node names numVal", () => {
    const g = labelledGraph([10, 10]);
    const error = splitError(() => new RandomNodeSplit({ split: 'test_rest', numTrainPerClass: 5, numVal: 10 }).apply(g));
    expect(error.field).toBe('numVal');
    expect(error.message).toContain('leaving 0 for test');
    g.dispose();
  });

  it("'train_rest' whose validation and test take every node names numVal", () => {
    const g = labelledGraph([34]);
    const error = splitError(() => new RandomNodeSplit().apply(g)); // PyG's defaults: 500 validation, 1000 test nodes
    expect(error.field).toBe('numVal');
    expect(error.message).toContain('numVal = 500 and numTest = 1000 take all 34 nodes, leaving none for training');
    g.dispose();
  });

  it('still fills short parts as PyG does when none ends up empty', () => {
    const g = labelledGraph([10, 10]);
    const out = new RandomNodeSplit({ split: 'random', numTrainPerClass: 5, numVal: 6, numTest: 100 }).apply(g);
    expect([count(out.trainMask), count(out.valMask), count(out.testMask)]).toEqual([10, 6, 4]);
    out.dispose();
    g.dispose();
  });
});

describe('RandomNodeSplit stratify', () => {
  it('splits every class in proportion, rare classes included', () => {
    const g = labelledGraph([90, 7, 3]);
    const out = new RandomNodeSplit({ numVal: 0.2, numTest: 0.2, stratify: true, seed: 3 }).apply(g);
    const y = Array.from(g.y!.dataSync());
    const perClass = (mask: tf.Tensor): number[] => {
      const m = mask.dataSync();
      return [0, 1, 2].map((c) => y.reduce((s, label, i) => s + (label === c && m[i] ? 1 : 0), 0));
    };
    // 20 of 100 nodes each: 18 / 1.4 / 0.6 -> 18, 1, 1 (largest remainder)
    expect(perClass(out.valMask!)).toEqual([18, 1, 1]);
    expect(perClass(out.testMask!)).toEqual([18, 1, 1]);
    expect(perClass(out.trainMask!)).toEqual([54, 5, 1]);
    out.dispose();
    g.dispose();
  });

  it('apportions the requested counts exactly by largest remainder', () => {
    const g = labelledGraph([50, 30, 20]);
    const out = new RandomNodeSplit({ numVal: 9, numTest: 21, stratify: true }).apply(g);
    const y = Array.from(g.y!.dataSync());
    const perClass = (mask: tf.Tensor): number[] => {
      const m = mask.dataSync();
      return [0, 1, 2].map((c) => y.reduce((s, label, i) => s + (label === c && m[i] ? 1 : 0), 0));
    };
    expect(perClass(out.valMask!)).toEqual([4, 3, 2]); // 4.5, 2.7, 1.8: floors 4, 2, 1, the 2 left go to the largest remainders
    expect(perClass(out.testMask!)).toEqual([11, 6, 4]); // 10.5, 6.3, 4.2
    out.dispose();
    g.dispose();
  });

  it('names y and lists the class sizes when a class is too small to stratify', () => {
    const g = labelledGraph([50, 2]);
    const error = splitError(() => new RandomNodeSplit({ numVal: 0.1, numTest: 0.1, stratify: true }).apply(g));
    expect(error.field).toBe('y');
    expect(error.message).toContain('class 1 has 2 nodes, but a stratified split into train/validation/test needs at least 3 per class (class sizes: 0: 50, 1: 2)');
    g.dispose();
  });

  it('leaves unlabelled nodes (y < 0) out of every mask', () => {
    const g = Graph.fromArrays({ src: [], dst: [], numNodes: 8, y: [0, 0, 0, -1, 1, 1, 1, -1] });
    const out = new RandomNodeSplit({ numVal: 2, numTest: 2, stratify: true }).apply(g);
    const any = [out.trainMask!, out.valMask!, out.testMask!].map((m) => m.dataSync());
    expect([3, 7].map((i) => any.some((m) => m[i]))).toEqual([false, false]);
    expect([count(out.trainMask), count(out.valMask), count(out.testMask)]).toEqual([2, 2, 2]);
    out.dispose();
    g.dispose();
  });

  it('applies to train_rest only', () => {
    expect(() => new RandomNodeSplit({ split: 'random', stratify: true })).toThrow(/stratify/);
  });
});
