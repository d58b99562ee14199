// The examples of PyG 2.6's docstrings of the same-named functions, as tests.
import '@tensorflow/tfjs-backend-cpu';
import '../kernels/composite/register_composites.js';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.js';
import { kHopSubgraph } from './k_hop_subgraph.js';
import { subgraph } from './subgraph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ei = (rows: number[][]): tf.Tensor2D => tf.tensor2d(rows, [2, rows[0]!.length], 'int32');

describe("PyG's docstring examples", () => {
  it('coalesce', () => {
    const edgeIndex = ei([
      [1, 1, 2, 3],
      [3, 3, 1, 2],
    ]);
    const edgeAttr = tf.tensor1d([1, 1, 1, 1]);
    expect(coalesce(edgeIndex).edgeIndex.arraySync()).toEqual([
      [1, 2, 3],
      [3, 1, 2],
    ]);
    expect(coalesce(edgeIndex, { sortByRow: false }).edgeIndex.arraySync()).toEqual([
      [2, 3, 1],
      [1, 2, 3],
    ]);
    expect(coalesce(edgeIndex, { edgeAttr }).edgeAttr.arraySync()).toEqual([2, 1, 1]);
    expect(coalesce(edgeIndex, { edgeAttr, reduce: 'mean' }).edgeAttr.arraySync()).toEqual([1, 1, 1]);
  });

  it('subgraph', () => {
    const edgeIndex = ei([
      [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6],
      [1, 0, 2, 1, 3, 2, 4, 3, 5, 4, 6, 5],
    ]);
    const edgeAttr = tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const out = subgraph(tf.tensor1d([3, 4, 5], 'int32'), edgeIndex, { edgeAttr, returnEdgeMask: true });
    expect(out.edgeIndex.arraySync()).toEqual([
      [3, 4, 4, 5],
      [4, 3, 5, 4],
    ]);
    expect(out.edgeAttr.arraySync()).toEqual([7, 8, 9, 10]);
    expect(out.edgeMask.arraySync()).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0]);
  });

  it('kHopSubgraph', () => {
    const a = kHopSubgraph(6, 2, ei([[0, 1, 2, 3, 4, 5], [2, 2, 4, 4, 6, 6]]), { relabelNodes: true });
    expect(a.subset.arraySync()).toEqual([2, 3, 4, 5, 6]);
    expect(a.edgeIndex.arraySync()).toEqual([
      [0, 1, 2, 3],
      [2, 2, 4, 4],
    ]);
    expect(a.mapping.arraySync()).toEqual([4]);
    expect(a.edgeMask.arraySync()).toEqual([0, 0, 1, 1, 1, 1]);

    const b = kHopSubgraph([0, 6], 2, ei([[1, 2, 4, 5], [0, 1, 5, 6]]), { relabelNodes: true });
    expect(b.subset.arraySync()).toEqual([0, 1, 2, 4, 5, 6]);
    expect(b.edgeIndex.arraySync()).toEqual([
      [1, 2, 3, 4],
      [0, 1, 4, 5],
    ]);
    expect(b.mapping.arraySync()).toEqual([0, 5]);
    expect(b.edgeMask.arraySync()).toEqual([1, 1, 1, 1]);
  });

  it('kHopSubgraph with directed keeps only the edges walked towards the seeds', () => {
    // 0 -> 1 -> 2 and a back edge 2 -> 0: from seed 2 in 2 hops, 2 -> 0 joins two subset nodes but is not walked
    const edgeIndex = ei([[0, 1, 2], [1, 2, 0]]);
    expect(kHopSubgraph(2, 2, edgeIndex).edgeMask.arraySync()).toEqual([1, 1, 1]);
    expect(kHopSubgraph(2, 2, edgeIndex, { directed: true }).edgeMask.arraySync()).toEqual([1, 1, 0]);
  });
});
