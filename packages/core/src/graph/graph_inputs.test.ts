/**
 * Issue 19: how edges and features may be given. Items 8 (the `[E, 2]` /
 * `[2, E]` ambiguity and `layout`), 9 (ids through float32), 10 (feature
 * dtypes) and int64 ids (`BigInt64Array`, `bigint[]`).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError } from '../errors.js';
import { Graph } from './graph.js';
import { HeteroGraph } from './hetero_graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const edgesOf = (g: { edgeIndex: tf.Tensor2D }): number[][] => g.edgeIndex.arraySync();

function refusal(build: () => unknown): GraphValidationError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphValidationError);
    return error as GraphValidationError;
  }
  throw new Error('expected a GraphValidationError');
}

describe("layout: 'coo-rows' | 'pairs' (item 8)", () => {
  it('reads two arrays as rows by default and as pairs when told; E = 2 is never guessed', () => {
    expect(edgesOf(new Graph({ edgeIndex: [[0, 2], [1, 3]] }))).toEqual([[0, 2], [1, 3]]); // 0→1, 2→3
    expect(edgesOf(new Graph({ edgeIndex: [[0, 2], [1, 3]] }, { layout: 'pairs' }))).toEqual([[0, 1], [2, 3]]); // 0→2, 1→3
    expect(edgesOf(new Graph({ edgeIndex: [[0, 1], [1, 2], [2, 0]] }, { layout: 'pairs' }))).toEqual([[0, 1, 2], [1, 2, 0]]);
  });

  it('takes an [E, 2] tensor with layout pairs (E = 2 included) and frees it', () => {
    const pairs = tf.tensor2d([[0, 2], [1, 3]], undefined, 'int32');
    const g = new Graph({ edgeIndex: pairs }, { layout: 'pairs' });
    expect(edgesOf(g)).toEqual([[0, 1], [2, 3]]);
    expect(pairs.isDisposed).toBe(true);
    expect(edgesOf(new Graph({ edgeIndex: tf.tensor2d([[0, 2], [1, 3], [3, 0]]) }, { layout: 'pairs' }))).toEqual([[0, 1, 3], [2, 3, 0]]);
  });

  it('points a pair list given without layout at the option', () => {
    expect(refusal(() => new Graph({ edgeIndex: [[0, 1], [1, 2], [2, 0]] })).message).toMatch(/3 \[source, target\] pairs\? pass \{ layout: 'pairs' \}/);
    expect(refusal(() => new Graph({ edgeIndex: tf.tensor2d([[0, 1], [1, 2], [2, 0]], undefined, 'int32') })).message).toMatch(
      /expected shape \[2, E\], got \[3, 2\] — one \[source, target\] pair per row\? pass \{ layout: 'pairs' \}/,
    );
    expect(refusal(() => new Graph({ edgeIndex: [[0, 1], [1]] }, { layout: 'pairs' })).message).toMatch(/entry 1 is not a \[source, target\] pair/);
    expect(refusal(() => new Graph({ edgeIndex: [[0], [1]] }, { layout: 'columns' as 'pairs' })).field).toBe('layout');
  });

  it('applies per edge store in a HeteroGraph', () => {
    const g = new HeteroGraph({
      nodes: { a: { numNodes: 4 }, b: { numNodes: 4 } },
      edges: [
        { type: ['a', 'to', 'b'], edgeIndex: [[0, 2], [1, 3]], layout: 'pairs' },
        { type: ['b', 'to', 'a'], edgeIndex: [[0, 2], [1, 3]] },
      ],
    });
    expect(g.edge(['a', 'to', 'b']).edgeIndex.arraySync()).toEqual([[0, 1], [2, 3]]);
    expect(g.edge(['b', 'to', 'a']).edgeIndex.arraySync()).toEqual([[0, 2], [1, 3]]);
    g.dispose();
  });
});

describe('ids never pass through float32 unchecked (item 9)', () => {
  it('refuses float32 ids from 2^24 on, where float32 rounds (2^24 + 1 reads as 2^24)', () => {
    const rounded = tf.tensor2d([[0, 2 ** 24 + 1], [1, 0]]); // stored as 16777216
    expect(refusal(() => new Graph({ edgeIndex: rounded })).message).toMatch(/index 16777216 is at or above 2\^24 in a float32 tensor.*pass an int32 tensor/);
    expect(rounded.isDisposed).toBe(false);
    expect(refusal(() => new Graph({ edgeIndex: tf.tensor2d([[0, 3e7], [1, 0]]) }, { validate: false })).field).toBe('edgeIndex');
    expect(refusal(() => new Graph({ edgeIndex: [new Float32Array([0, 2 ** 25]), new Float32Array([1, 0])] })).message).toMatch(
      /index 33554432 is at or above 2\^24 in a float32 array.*\(row 0, edge 1\)/,
    );
    const h = () =>
      new HeteroGraph({ nodes: { a: {}, b: {} }, edges: [{ type: ['a', 'to', 'b'], edgeIndex: tf.tensor2d([[2 ** 24], [0]]) }] });
    expect(refusal(h).message).toMatch(/^edge \['a','to','b'\]\.edgeIndex: index 16777216 is at or above 2\^24/);
  });

  it('keeps float ids below 2^24 and exact ids in plain arrays or int32', () => {
    expect(edgesOf(new Graph({ edgeIndex: tf.tensor2d([[0, 2 ** 24 - 1], [1, 0]]) }))).toEqual([[0, 2 ** 24 - 1], [1, 0]]);
    const big = 2 ** 24 + 1;
    const g = new Graph({ edgeIndex: [[0, big], [1, 0]] });
    expect(edgesOf(g)).toEqual([[0, big], [1, 0]]);
    expect(g.numNodes).toBe(big + 1);
  });
});

describe('feature dtypes (item 10)', () => {
  it('refuses bool and int32 x with a typed error naming x and the cast', () => {
    for (const x of [tf.tensor2d([[true], [false]], undefined, 'bool'), tf.tensor2d([[1], [0]], undefined, 'int32')]) {
      const error = refusal(() => new Graph({ edgeIndex: [[0], [1]], x: x as tf.Tensor2D }));
      expect(error.field).toBe('x');
      expect(error.message).toMatch(new RegExp(`^x: node features must be float32, got ${x.dtype}: cast them with tf.cast\\(x, 'float32'\\)`));
    }
    const hetero = () => new HeteroGraph({ nodes: { a: { x: tf.tensor2d([[true]], undefined, 'bool') as tf.Tensor2D } }, edges: [] });
    expect(refusal(hetero).message).toMatch(/^node \['a'\]\.x: node features must be float32, got bool/);
  });

  it('accepts float32 x', () => {
    expect(new Graph({ edgeIndex: [[0], [1]], x: tf.tensor2d([[1], [0]]) }).numFeatures).toBe(1);
  });
});

describe('int64 ids: BigInt64Array and bigint[] rows (Arrow, Parquet, DuckDB)', () => {
  it('accepts them in Graph, Graph.fromArrays, Graph.fromCOO and HeteroGraph.fromArrays when every id fits int32', () => {
    const src = new BigInt64Array([0n, 1n, 2n]);
    const dst = new BigInt64Array([1n, 2n, 0n]);
    const want = [[0, 1, 2], [1, 2, 0]];
    expect(edgesOf(new Graph({ edgeIndex: [src, dst] }))).toEqual(want);
    expect(edgesOf(new Graph({ edgeIndex: [[0n, 1n, 2n], [1n, 2n, 0n]] }))).toEqual(want);
    expect(edgesOf(new Graph({ edgeIndex: [[0n, 2n], [1n, 3n]] }, { layout: 'pairs' }))).toEqual([[0, 1], [2, 3]]);
    expect(edgesOf(Graph.fromArrays({ src, dst, x: [[1], [2], [3]] }))).toEqual(want);
    expect(edgesOf(Graph.fromCOO({ row: new BigUint64Array([0n, 1n, 2n]), col: dst }))).toEqual(want);
    const h = HeteroGraph.fromArrays({ nodes: { a: { numNodes: 3 }, b: { numNodes: 3 } }, edges: [{ type: ['a', 'to', 'b'], src, dst }] });
    expect(h.edge(['a', 'to', 'b']).edgeIndex.arraySync()).toEqual(want);
    expect(new Graph({ edgeIndex: [new BigInt64Array([BigInt(2 ** 31 - 1)]), new BigInt64Array([0n])] }).numNodes).toBe(2 ** 31);
  });

  it('refuses ids beyond int32 and negative ones with a typed error', () => {
    expect(refusal(() => new Graph({ edgeIndex: [new BigInt64Array([2n ** 31n]), new BigInt64Array([0n])] })).message).toMatch(
      /index 2147483648 does not fit in int32 \(tfjs has no int64\).*\(row 0, edge 0\)/,
    );
    expect(refusal(() => Graph.fromArrays({ src: [0n, -1n], dst: [1n, 0n] })).message).toMatch(/non-negative, got -1 \(row 0, edge 1\)/);
    const h = () => HeteroGraph.fromArrays({ nodes: { a: {} }, edges: [{ type: ['a', 'to', 'a'], src: [0n], dst: [2n ** 40n] }] });
    expect(refusal(h).message).toMatch(/^edge \['a','to','a'\]\.edgeIndex: index 1099511627776 does not fit in int32/);
  });
});
