import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MessagePassing, ShapeError, spmm, type MessageContext, type MessagePassingOptions } from '@gnnjs/core';

/** Sums (or otherwise aggregates) x_j · w_ji; counts which path ran. */
class WeightedConv extends MessagePassing {
  messageCalls = 0;
  constructor(options: MessagePassingOptions = {}) {
    super(options);
  }
  protected override message(ctx: MessageContext): tf.Tensor {
    this.messageCalls += 1;
    return ctx.has('w') ? tf.mul(ctx.j('x'), tf.expandDims(ctx.edge('w'), 1)) : ctx.j('x');
  }
}

class FusedConv extends WeightedConv {
  fusedCalls = 0;
  protected override messageAndAggregate(ctx: MessageContext): tf.Tensor {
    this.fusedCalls += 1;
    return spmm(ctx.edgeIndex, ctx.source('x'), ctx.edge('w'), ctx.numTargets);
  }
}

/** Uses both sides: message = x_j - x_i, plus an edge score via edgeUpdater. */
class DiffConv extends MessagePassing {
  protected override message(ctx: MessageContext): tf.Tensor {
    return tf.sub(ctx.j('x'), ctx.i('x'));
  }
  protected override edgeUpdate(ctx: MessageContext): tf.Tensor {
    return tf.sum(tf.mul(ctx.j('x'), ctx.i('x')), 1);
  }
}

const edges = () => tf.tensor2d([[0, 1, 1, 2], [1, 0, 2, 1]], undefined, 'int32');
const feats = () => tf.tensor2d([[1, 2], [3, 4], [5, 6]]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('MessagePassing', () => {
  it('aggregates with sum, mean, max and min', () => {
    const x = feats();
    const e = edges();
    const expected: Record<string, number[]> = {
      sum: [3, 4, 6, 8, 3, 4],
      mean: [3, 4, 3, 4, 3, 4],
      max: [3, 4, 5, 6, 3, 4],
      min: [3, 4, 1, 2, 3, 4],
    };
    for (const aggr of ['sum', 'mean', 'max', 'min'] as const) {
      const out = new WeightedConv({ aggr }).propagate(e, { x });
      expect(Array.from(out.dataSync()), aggr).toEqual(expected[aggr]);
    }
  });

  it('reverses edges with target_to_source', () => {
    const x = feats();
    const e = tf.tensor2d([[0, 0], [1, 2]], undefined, 'int32');
    const out = new WeightedConv({ flow: 'target_to_source' }).propagate(e, { x });
    expect(Array.from(out.dataSync())).toEqual([8, 10, 0, 0, 0, 0]);
  });

  it('prefers messageAndAggregate, and falls back when fuse is off', () => {
    const x = feats();
    const w = tf.tensor1d([1, 2, 3, 4]);
    const fused = new FusedConv();
    const a = fused.propagate(edges(), { x, w });
    expect(fused.fusedCalls).toBe(1);
    expect(fused.messageCalls).toBe(0);
    fused.fuse = false;
    const b = fused.propagate(edges(), { x, w });
    expect(fused.messageCalls).toBe(1);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).toEqual([6, 8, 1 + 20, 2 + 24, 9, 12]);
  });

  it('reads x_i and x_j, and computes per-edge values with edgeUpdater', () => {
    const conv = new DiffConv();
    const x = feats();
    expect(Array.from(conv.propagate(edges(), { x }).dataSync())).toEqual([2, 2, 0, 0, -2, -2]);
    expect(Array.from(conv.edgeUpdater(edges(), { x }).dataSync())).toEqual([11, 11, 39, 39]);
  });

  it('handles bipartite pairs [xSrc, xDst] with their own sizes', () => {
    const conv = new DiffConv();
    const xSrc = tf.tensor2d([[1], [2], [3]]);
    const xDst = tf.tensor2d([[10], [20]]);
    const e = tf.tensor2d([[0, 2, 1], [1, 1, 0]], undefined, 'int32');
    const out = conv.propagate(e, { x: [xSrc, xDst] });
    expect(out.shape).toEqual([2, 1]);
    expect(Array.from(out.dataSync())).toEqual([2 - 10, 1 - 20 + 3 - 20]);
  });

  it('prints like PyG: the class and its channels', () => {
    expect(new WeightedConv().toString()).toBe('WeightedConv()');
    class Sized extends WeightedConv {
      readonly inChannels = 5;
      readonly outChannels = 3;
    }
    expect(new Sized().toString()).toBe('Sized(5, 3)');
    class Bipartite extends WeightedConv {
      readonly inChannels = [5, 2] as const;
      readonly outChannels = 3;
    }
    expect(new Bipartite().toString()).toBe('Bipartite((5, 2), 3)');
  });

  it('throws typed errors for bad edgeIndex, edge tensors and sizes', () => {
    const conv = new WeightedConv();
    const x = feats();
    expect(() => conv.propagate(tf.tensor1d([0, 1], 'int32') as unknown as tf.Tensor2D, { x })).toThrow(ShapeError);
    expect(() => conv.propagate(tf.tensor2d([[0], [1]]), { x })).toThrow(/int32/);
    expect(() => conv.propagate(edges(), { x, w: tf.ones([3]) })).toThrow(/w: expected 4 rows/);
    expect(() => conv.propagate(edges(), { x }, { size: [5, 5] })).toThrow(/expected 5 source nodes/);
    expect(() => conv.propagate(edges(), { y: x })).toThrow(/x: is not among/);
  });

  it('runs 50 propagate + backward steps without leaking tensors', () => {
    const conv = new WeightedConv({ aggr: 'mean' });
    const x = tf.variable(feats());
    const w = tf.tensor1d([1, 2, 3, 4]);
    const e = edges();
    const optimizer = tf.train.sgd(0.01);
    const step = () =>
      optimizer.minimize(() => tf.sum(tf.square(conv.propagate(e, { x, w }))) as tf.Scalar, false, [x]);
    step();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 50; k += 1) step();
    expect(tf.memory().numTensors).toBe(before);
    const { grads, value } = tf.variableGrads(() => tf.sum(conv.propagate(e, { x, w })) as tf.Scalar, [x]);
    // d/dx_j of Σ_i mean_j w_ji x_j: x0 reaches node 1 (w 1, 2 in-edges) -> 0.5; x1 reaches 0 and 2 (w 2, 3, 1 in-edge each) -> 5
    expect(Array.from(grads[x.name]!.dataSync())).toEqual([0.5, 0.5, 2 + 3, 2 + 3, 2, 2]);
    value.dispose();
  });
});

describe('MessagePassing.explainEdgeMask (PyG explain mode)', () => {
  it('leaves the output unchanged with a mask of ones, on the fused and the unfused path, and restores fuse', () => {
    const x = feats();
    const e = edges();
    const w = tf.tensor1d([1, 2, 3, 4]);
    const conv = new FusedConv();
    const plain = conv.propagate(e, { x, w });
    conv.explainEdgeMask = tf.ones([4]) as tf.Tensor1D;
    expect(conv.fuse).toBe(false);
    const masked = conv.propagate(e, { x, w });
    expect(conv.fusedCalls).toBe(1); // the masked call formed the messages instead of the fused kernel
    expect(Array.from(masked.dataSync())).toEqual(Array.from(plain.dataSync()));
    conv.explainEdgeMask = null;
    expect(conv.fuse).toBe(true);
  });

  it('scales each message by its entry; the gradient with respect to the mask is each message summed', () => {
    const x = feats();
    const e = edges(); // 0→1, 1→0, 1→2, 2→1
    const conv = new WeightedConv();
    conv.explainEdgeMask = tf.tensor1d([1, 0, 0.5, 1]);
    expect(Array.from(conv.propagate(e, { x }).dataSync())).toEqual([0, 0, 1 + 5, 2 + 6, 1.5, 2]);
    const [grad] = tf.grads((m: tf.Tensor) => {
      conv.explainEdgeMask = m as tf.Tensor1D;
      return tf.sum(conv.propagate(e, { x }));
    })([tf.ones([4])]);
    expect(Array.from(grad!.dataSync())).toEqual([3, 7, 7, 11]); // sum of x_j over each edge's source
    conv.explainEdgeMask = null;
  });

  it('gives appended messages (self-loops) a weight of 1 and refuses a mask longer than the messages', () => {
    const x = feats();
    const withLoops = tf.tensor2d([[0, 1, 0, 1, 2], [1, 0, 0, 1, 2]], undefined, 'int32'); // 2 edges + 3 loops
    const conv = new WeightedConv();
    conv.explainEdgeMask = tf.tensor1d([0, 0]);
    expect(Array.from(conv.propagate(withLoops, { x }).dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    conv.explainEdgeMask = tf.ones([6]) as tf.Tensor1D;
    expect(() => conv.propagate(withLoops, { x })).toThrow(/explainEdgeMask: WeightedConv: the mask has 6 entries but the layer passes 5 messages/);
    expect(() => {
      conv.explainEdgeMask = tf.ones([2, 2]) as unknown as tf.Tensor1D;
    }).toThrow(ShapeError);
    conv.explainEdgeMask = null;
  });
});
