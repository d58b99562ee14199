import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphValidationError, ShapeError, type Module } from '@gnnjs/core';
import { GINConv, GINEConv, GraphConv, Linear, ReLU, SAGEConv, Sequential, TorchLinear, TransformerConv } from '@gnnjs/layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const x = () => tf.randomNormal([4, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
// Node 0 has no in-edges.
const edges = () => tf.tensor2d([[0, 1, 2, 3], [1, 2, 3, 1]], undefined, 'int32');
const noEdges = () => tf.zeros([2, 0], 'int32') as tf.Tensor2D;
const attr = (e: number) => tf.randomNormal([e, 2], 0, 1, 'float32', 2);
const gin = (inC = 3) => new Sequential(new TorchLinear(inC, 5), new ReLU(), new TorchLinear(5, 2));

interface Case {
  name: string;
  make(): Module;
  run(conv: Module, x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor2D;
  width: number;
  /** The output of a node that receives nothing: its root term (and bias), from the layer's own pieces. */
  isolated(conv: Module, x: tf.Tensor2D): tf.Tensor2D;
}

const cases: Case[] = [
  {
    name: 'SAGEConv (mean)',
    make: () => new SAGEConv(3, 2),
    run: (c, v, e) => (c as SAGEConv).forward(v, e),
    width: 2,
    isolated: (c, v) => tf.add((c as SAGEConv).linL.bias!, (c as SAGEConv).linR!.forward(v)),
  },
  {
    name: 'SAGEConv (max, project, normalize)',
    make: () => new SAGEConv(3, 2, { aggr: 'max', project: true, normalize: true }),
    run: (c, v, e) => (c as SAGEConv).forward(v, e),
    width: 2,
    isolated: (c, v) => {
      const out = tf.add((c as SAGEConv).linL.bias!, (c as SAGEConv).linR!.forward(v));
      return tf.div(out, tf.norm(out, 'euclidean', -1, true));
    },
  },
  {
    name: 'GINConv',
    make: () => new GINConv(gin(), { eps: 0.5, trainEps: true }),
    run: (c, v, e) => (c as GINConv).forward(v, e),
    width: 2,
    isolated: (c, v) => (c as GINConv).nn.forward(tf.mul(v, 1.5)) as tf.Tensor2D,
  },
  {
    name: 'GINEConv',
    make: () => new GINEConv(gin(), { edgeDim: 2 }),
    run: (c, v, e) => (c as GINEConv).forward(v, e, attr(e.shape[1])),
    width: 2,
    isolated: (c, v) => (c as GINEConv).nn.forward(v) as tf.Tensor2D,
  },
  {
    name: 'GraphConv (add, edge weights)',
    make: () => new GraphConv(3, 2),
    run: (c, v, e) => (c as GraphConv).forward(v, e, tf.fill([e.shape[1]], 0.5) as tf.Tensor1D),
    width: 2,
    isolated: (c, v) => tf.add((c as GraphConv).linRel.bias!, (c as GraphConv).linRoot.forward(v)),
  },
  {
    name: 'TransformerConv (2 heads, beta, edges)',
    make: () => new TransformerConv(3, 2, { heads: 2, beta: true, edgeDim: 2 }),
    run: (c, v, e) => (c as TransformerConv).forward(v, e, { edgeAttr: attr(e.shape[1]) }),
    width: 4,
    isolated: (c, v) => {
      // Nothing aggregated: out = 0, so β·r + (1 − β)·0 with β = sigmoid(w·[0, r, −r]).
      const conv = c as TransformerConv;
      const r = conv.linSkip.forward(v);
      const b = tf.sigmoid(conv.linBeta!.forward(tf.concat([tf.zerosLike(r), r, tf.neg(r)], -1)));
      return tf.mul(b, r);
    },
  },
];

describe.each(cases)('$name', ({ make, run, width, isolated }) => {
  const close = (a: tf.Tensor, b: tf.Tensor) => expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);

  it('gives the root term to a node without in-edges, and shapes [N, out]', () => {
    const conv = make().eval();
    const v = x();
    const out = run(conv, v, edges());
    expect(out.shape).toEqual([4, width]);
    close(tf.slice(out, [0, 0], [1, -1]), isolated(conv, tf.slice(v, [0, 0], [1, -1]) as tf.Tensor2D));
    conv.dispose();
  });

  it('handles a graph without edges (every node isolated) and one without nodes, and differentiates them', () => {
    const conv = make().eval();
    const v = x();
    close(run(conv, v, noEdges()), isolated(conv, v));
    const none = tf.zeros([0, 3]) as tf.Tensor2D;
    expect(run(conv, none, noEdges()).shape).toEqual([0, width]);
    const { value, grads } = tf.variableGrads(() => tf.sum(run(conv, v, noEdges())) as tf.Scalar, conv.parameters());
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    for (const g of Object.values(grads)) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    conv.dispose();
  });

  it('leaves no tensors behind over forward and backward passes', () => {
    const conv = make();
    const v = x();
    const e = edges();
    const step = () => {
      const { value, grads } = tf.variableGrads(() => tf.sum(run(conv, v, e)) as tf.Scalar, conv.parameters());
      tf.dispose([value, ...Object.values(grads)]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) step();
    // The edge features each case draws per call are its own, freed here by tidy.
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(0 + (conv instanceof GINEConv || conv instanceof TransformerConv ? 3 : 0));
    conv.dispose();
  });

  it('names x when the node features are not [N, F] of the built width', () => {
    const conv = make();
    expect(() => run(conv, tf.ones([4, 7]) as tf.Tensor2D, edges())).toThrow(ShapeError);
    expect(() => run(conv, tf.ones([4, 7]) as tf.Tensor2D, edges())).toThrow(/^x: |^x: Linear|^x: .*7/);
    expect(() => run(conv, tf.ones([4]) as unknown as tf.Tensor2D, edges())).toThrow(/^x: /);
    expect(() => run(conv, x(), tf.tensor2d([[0, 1]], undefined, 'int32'))).toThrow(/^edgeIndex: /);
    conv.dispose();
  });
});

describe('option and input errors name the argument', () => {
  it('aggr, widths, eps, dropout, edgeDim', () => {
    expect(() => new SAGEConv(3, 2, { aggr: 'lstm' as 'mean' })).toThrow(/^aggr: SAGEConv supports/);
    expect(() => new GraphConv(3, 2, { aggr: 'mul' as 'add' })).toThrow(/^aggr: /);
    expect(() => new SAGEConv(0, 2)).toThrow(/^inChannels/);
    expect(() => new TransformerConv(3, 2, { heads: 0 })).toThrow(/^heads/);
    expect(() => new TransformerConv(3, 2, { dropout: 1.5 })).toThrow(/^dropout/);
    expect(() => new GINConv(gin(), { eps: Number.NaN })).toThrow(/^eps/);
    expect(() => new GINEConv(new ReLU(), { edgeDim: 2 })).toThrow(/^nn: GINEConv could not infer/);
  });

  it('edge features: GINEConv and TransformerConv', () => {
    const gine = new GINEConv(gin(), { edgeDim: 2 });
    expect(() => gine.forward(x(), edges(), tf.ones([4, 3]))).toThrow(/^edgeAttr: GINEConv expects \[E, 2\]/);
    expect(() => gine.forward(x(), edges(), tf.ones([3, 2]))).toThrow(/^edgeAttr: .*4 rows/);
    expect(() => new GINEConv(gin()).forward(x(), edges(), tf.ones([4, 2]))).toThrow(/^edgeAttr: .*\[E, 3\] \(the node width/);
    expect(new GINEConv(gin()).forward(x(), edges(), tf.ones([4, 3])).shape).toEqual([4, 2]);
    const t = new TransformerConv(3, 2, { edgeDim: 2 });
    expect(() => t.forward(x(), edges())).toThrow(GraphValidationError);
    expect(() => t.forward(x(), edges(), { edgeAttr: tf.ones([4, 5]) })).toThrow(/^edgeAttr: /);
    expect(() => new TransformerConv(3, 2).forward(x(), edges(), { edgeAttr: tf.ones([4, 2]) })).toThrow(/^edgeAttr: .*without edgeDim/);
  });

  it('edge weights: GraphConv', () => {
    const conv = new GraphConv(3, 2);
    expect(() => conv.forward(x(), edges(), tf.ones([3]) as tf.Tensor1D)).toThrow(/^edgeWeight: .*4 rows/);
    expect(() => conv.forward(x(), edges(), tf.ones([4, 1]) as unknown as tf.Tensor1D)).toThrow(/^edgeWeight: /);
  });

  it('bipartite input: widths per side, and GIN needs one width on both sides', () => {
    const xSrc = tf.ones([4, 3]) as tf.Tensor2D;
    const xDst = tf.ones([2, 5]) as tf.Tensor2D;
    const e = tf.tensor2d([[0, 3, 2], [1, 0, 1]], undefined, 'int32');
    expect(new SAGEConv([3, 5], 2).forward([xSrc, xDst], e).shape).toEqual([2, 2]);
    expect(new GraphConv([3, 5], 2, { aggr: 'max' }).forward([xSrc, xDst], e).shape).toEqual([2, 2]);
    const t = new TransformerConv([3, 5], 2, { heads: 3, concat: false });
    const { output, attention } = t.forward([xSrc, xDst], e, { returnAttentionWeights: true });
    expect(output.shape).toEqual([2, 2]);
    expect(attention.alpha.shape).toEqual([3, 3]);
    expect(() => new SAGEConv([3, 5], 2).forward([xSrc, tf.ones([2, 3]) as tf.Tensor2D], e)).toThrow(/^x\[1\]: /);
    expect(() => new GINConv(gin()).forward([xSrc, xDst], e)).toThrow(/^x\[1\]: GINConv sums/);
    expect(new GINConv(gin()).forward([xSrc, tf.ones([2, 3]) as tf.Tensor2D], e).shape).toEqual([2, 2]);
  });
});

describe('repr, names and fields match PyG', () => {
  it('prints like PyG', () => {
    expect(new SAGEConv(5, 4).toString()).toBe('SAGEConv(5, 4, aggr=mean)');
    expect(new SAGEConv([5, 3], 4, { aggr: 'add' }).toString()).toBe('SAGEConv((5, 3), 4, aggr=add)');
    expect(new GraphConv(5, 4, { aggr: 'max' }).toString()).toBe('GraphConv(5, 4)');
    expect(new TransformerConv(5, 4, { heads: 2 }).toString()).toBe('TransformerConv(5, 4, heads=2)');
    expect(new GINConv(new Sequential(new TorchLinear(5, 16), new ReLU(), new Linear(16, 4))).toString()).toBe(
      'GINConv(nn=Sequential(\n  (0): Linear(in_features=5, out_features=16, bias=True)\n  (1): ReLU()\n  (2): Linear(16, 4, bias=True)\n))',
    );
  });

  it('names parameters and buffers like PyG, options as fields', () => {
    const gin1 = new GINConv(gin(), { eps: 0.25 });
    expect(gin1.namedParameters().map(([k]) => k)).toEqual(['nn.0.weight', 'nn.0.bias', 'nn.2.weight', 'nn.2.bias']);
    expect(Object.keys(gin1.stateDict())).toEqual(['eps', 'nn.0.weight', 'nn.0.bias', 'nn.2.weight', 'nn.2.bias']);
    expect(gin1.eps.trainable).toBe(false);
    expect(gin1.eps.dataSync()[0]).toBe(0.25);
    const t = new TransformerConv(5, 4, { heads: 2, edgeDim: 3, beta: true, rootWeight: false });
    expect(t.beta).toBe(false); // PyG: beta and root_weight
    expect(t.namedParameters().map(([k]) => k)).toEqual([
      'lin_key.weight', 'lin_key.bias', 'lin_query.weight', 'lin_query.bias', 'lin_value.weight', 'lin_value.bias', 'lin_edge.weight', 'lin_skip.weight', 'lin_skip.bias',
    ]);
    const s = new SAGEConv(5, 4, { project: true, rootWeight: false, bias: false });
    expect(s.namedParameters().map(([k]) => k)).toEqual(['lin.weight', 'lin.bias', 'lin_l.weight']);
    expect([s.aggr, s.normalize, s.rootWeight, s.project]).toEqual(['mean', false, false, true]);
    expect(new GraphConv(5, 4, { bias: false }).namedParameters().map(([k]) => k)).toEqual(['lin_rel.weight', 'lin_root.weight']);
  });
});
