/** The small graphs of `testdata/pyg_sampling.py`, built the same way here. */
import * as tf from '@tensorflow/tfjs-core';
import { Graph, HeteroGraph } from '@gnnjs/core';

export const SRC = [1, 2, 3, 0, 4, 5, 2, 6, 7, 1, 8, 3, 5, 0, 7, 6, 2, 4];
export const DST = [0, 0, 0, 1, 1, 2, 3, 3, 4, 4, 4, 5, 6, 6, 7, 8, 8, 2];

/** 9 nodes, x = node id, edgeAttr = edge id. */
export function smallGraph(): Graph {
  return new Graph({
    edgeIndex: [SRC, DST],
    numNodes: 9,
    x: tf.tensor2d(Array.from({ length: 9 }, (_, i) => [i])),
    edgeAttr: tf.tensor1d(SRC.map((_, e) => e)),
  });
}

/** Users and items: buys, rev_buys, follows; x = id (users) or 10 + id (items); optional node times. */
export function smallHeteroGraph(withTime = false): HeteroGraph<'user' | 'item'> {
  const buys = [
    [0, 1, 1, 2, 3, 4, 4, 0],
    [0, 0, 1, 2, 2, 3, 1, 3],
  ];
  return new HeteroGraph({
    nodes: {
      user: { x: tf.tensor2d([[0], [1], [2], [3], [4]]), ...(withTime ? { time: tf.tensor1d([5, 1, 3, 2, 9], 'int32') } : {}) },
      item: { x: tf.tensor2d([[10], [11], [12], [13]]), ...(withTime ? { time: tf.tensor1d([4, 0, 6, 2], 'int32') } : {}) },
    },
    edges: [
      { type: ['user', 'buys', 'item'], edgeIndex: buys },
      { type: ['item', 'rev_buys', 'user'], edgeIndex: [buys[1]!, buys[0]!] },
      { type: ['user', 'follows', 'user'], edgeIndex: [[1, 2, 3, 4, 0], [0, 0, 1, 2, 4]] },
    ],
  });
}

/** The rows of a [2, E] int32 tensor as plain arrays. */
export function rows2(t: tf.Tensor2D): number[][] {
  const data = Array.from(t.dataSync());
  const e = t.shape[1];
  return [data.slice(0, e), data.slice(e)];
}
