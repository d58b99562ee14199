// A layer reads an edge index's values from the device at most once per
// tensor (core proves and keeps them), and never for a Graph's edge index,
// which was read when the graph was built.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Graph } from '@gnnjs/core';
import { GATConv, GATv2Conv, GCNConv } from '@gnnjs/layers';

const EDGES = [[0, 1, 2, 3, 3, 1], [1, 2, 0, 3, 1, 1]];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs three forward passes; returns how often each read `edgeIndex` back from the backend. */
function readsPerForward(forward: () => tf.Tensor | { output: tf.Tensor }, edgeIndex: tf.Tensor): number[] {
  const spy = vi.spyOn(tf.backend(), 'readSync');
  try {
    return [0, 1, 2].map(() => {
      spy.mockClear();
      const out = forward();
      tf.dispose(out instanceof tf.Tensor ? out : out.output);
      return spy.mock.calls.filter(([dataId]) => dataId === edgeIndex.dataId).length;
    });
  } finally {
    spy.mockRestore();
  }
}

const layers = [
  ['GCNConv', (x: tf.Tensor2D, ei: tf.Tensor2D) => { const c = new GCNConv(3, 2); return () => c.forward(x, ei); }],
  ['GATConv', (x: tf.Tensor2D, ei: tf.Tensor2D) => { const c = new GATConv(3, 2, { heads: 2 }); return () => c.forward(x, ei); }],
  ['GATv2Conv', (x: tf.Tensor2D, ei: tf.Tensor2D) => { const c = new GATv2Conv(3, 2); return () => c.forward(x, ei); }],
  ['GATConv with edgeAttr', (x: tf.Tensor2D, ei: tf.Tensor2D) => {
    const c = new GATConv(3, 2, { edgeDim: 1 });
    const edgeAttr = tf.ones([ei.shape[1], 1]);
    return () => c.forward(x, ei, { edgeAttr });
  }],
] as const;

describe('edge index read-backs per forward pass', () => {
  it.each(layers)('%s: none for a Graph', (_name, make) => {
    const graph = new Graph({ edgeIndex: tf.tensor2d(EDGES, undefined, 'int32'), x: tf.ones([4, 3]) });
    expect(readsPerForward(make(graph.x!, graph.edgeIndex), graph.edgeIndex)).toEqual([0, 0, 0]);
  });

  it.each(layers)('%s: one, in the first pass, for a plain tensor', (_name, make) => {
    const edgeIndex = tf.tensor2d(EDGES, undefined, 'int32');
    expect(readsPerForward(make(tf.ones([4, 3]), edgeIndex), edgeIndex)).toEqual([1, 0, 0]);
  });
});
