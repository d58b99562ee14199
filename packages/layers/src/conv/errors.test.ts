import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError, ShapeError } from '@gnnjs/core';
import { GATConv, GATv2Conv, GCNConv, Linear } from '@gnnjs/layers';

const x = () => tf.ones([4, 3]) as tf.Tensor2D;
const edges = () => tf.tensor2d([[0, 1, 2], [1, 2, 3]], undefined, 'int32');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('typed errors for bad arguments', () => {
  it('mismatched channels name x', () => {
    // Each attention layer declares its own forward overloads: a union of two of them needs a common type.
    const convs: { forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor2D }[] = [new GCNConv(5, 2), new GATConv(5, 2), new GATv2Conv(5, 2)];
    for (const conv of convs) {
      expect(() => conv.forward(x(), edges())).toThrow(ShapeError);
      expect(() => conv.forward(x(), edges())).toThrow(/^x: .*5 input channels/);
    }
    expect(() => new Linear(5, 2).forward(x())).toThrow(ShapeError);
  });

  it('a wrong edgeIndex rank or dtype names edgeIndex', () => {
    const bad = tf.tensor1d([0, 1, 2], 'int32') as unknown as tf.Tensor2D;
    for (const conv of [new GCNConv(3, 2), new GATConv(3, 2)]) {
      expect(() => conv.forward(x(), bad)).toThrow(/^edgeIndex: .*\[2, E\]/);
      expect(() => conv.forward(x(), tf.tensor2d([[0], [1]]))).toThrow(/^edgeIndex: .*int32/);
    }
  });

  it('edgeDim and edgeAttr must come together', () => {
    const withDim = new GATConv(3, 2, { edgeDim: 2 });
    expect(() => withDim.forward(x(), edges())).toThrow(GraphValidationError);
    expect(() => withDim.forward(x(), edges())).toThrow(/^edgeAttr: .*edgeDim=2/);
    expect(() => withDim.forward(x(), edges(), { edgeAttr: tf.ones([3, 5]) })).toThrow(ShapeError);
    expect(withDim.forward(x(), edges(), { edgeAttr: tf.ones([3, 2]) }).shape).toEqual([4, 2]);
    expect(() => new GATv2Conv(3, 2).forward(x(), edges(), { edgeAttr: tf.ones([3, 2]) })).toThrow(/^edgeAttr: .*without edgeDim/);
  });

  it('bipartite input with self-loops is refused; without them it works', () => {
    const xSrc = tf.ones([4, 3]) as tf.Tensor2D;
    const xDst = tf.ones([2, 5]) as tf.Tensor2D;
    const e = tf.tensor2d([[0, 3, 2], [1, 0, 1]], undefined, 'int32');
    expect(() => new GATConv([3, 5], 2).forward([xSrc, xDst], e)).toThrow(GraphValidationError);
    expect(() => new GATv2Conv([3, 5], 2).forward([xSrc, xDst], e)).toThrow(/^x: .*addSelfLoops/);
    const conv = new GATConv([3, 5], 2, { heads: 3, addSelfLoops: false });
    expect(conv.namedParameters().map(([k]) => k)).toEqual(['att_src', 'att_dst', 'bias', 'lin_src.weight', 'lin_dst.weight']);
    expect(conv.forward([xSrc, xDst], e).shape).toEqual([2, 6]);
    expect(new GATv2Conv([3, 5], 2, { addSelfLoops: false }).forward([xSrc, xDst], e).shape).toEqual([2, 2]);
  });

  it('bad constructor options name the option', () => {
    expect(() => new GATConv(0, 2)).toThrow(/^inChannels/);
    expect(() => new GATConv(3, 2, { heads: 1.5 })).toThrow(/^heads/);
    expect(() => new GATConv(3, 2, { dropout: 1 })).toThrow(/^dropout/);
  });
});

describe('repr and parameter names match PyG', () => {
  it('prints like PyG', () => {
    expect(new GCNConv(5, 4).toString()).toBe('GCNConv(5, 4)');
    expect(new GATConv(5, 4, { heads: 2 }).toString()).toBe('GATConv(5, 4, heads=2)');
    expect(new GATConv([5, 3], 4).toString()).toBe('GATConv((5, 3), 4, heads=1)');
    expect(new GATv2Conv(5, 4, { heads: 2, concat: false }).toString()).toBe('GATv2Conv(5, 4, heads=2)');
    expect(new Linear(5, 4).toString()).toBe('Linear(5, 4, bias=True)');
  });

  it('names optional parameters like PyG', () => {
    const gat = new GATConv(5, 4, { heads: 2, edgeDim: 3, residual: true });
    expect(gat.namedParameters().map(([k, v]) => `${k}:${v.shape.join('x')}`)).toEqual([
      'att_src:1x2x4', 'att_dst:1x2x4', 'att_edge:1x2x4', 'bias:8', 'lin.weight:8x5', 'lin_edge.weight:8x3', 'res.weight:8x5',
    ]);
    const v2 = new GATv2Conv(5, 4, { heads: 2, concat: false, edgeDim: 3, shareWeights: true, bias: false });
    expect(v2.namedParameters().map(([k]) => k)).toEqual(['att', 'lin_l.weight', 'lin_edge.weight']);
    expect(Object.keys(v2.stateDict())).toEqual(['att', 'lin_l.weight', 'lin_r.weight', 'lin_edge.weight']);
    expect(new GCNConv(5, 4, { bias: false }).namedParameters().map(([k]) => k)).toEqual(['lin.weight']);
  });
});
