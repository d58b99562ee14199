/**
 * Issue 19: every layer handles empty graphs — no nodes, no edges, nodes
 * without edges — returning one finite row per node (per graph for readouts),
 * and a disposed layer raises core's DisposedError. The layers are found by
 * enumerating `@gnnjs/layers`' exports: a new Module class without a case
 * here fails the first test, so it cannot be left out.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { DisposedError, Module } from '@gnnjs/core';
import * as layers from '@gnnjs/layers';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const F = 4;
const C = 2;

/** A graph case: `n` nodes (of each type for heterogeneous layers) and these edges. */
interface Scene {
  readonly n: number;
  readonly src: number[];
  readonly dst: number[];
}

const SCENES: Record<string, Scene> = {
  'no nodes': { n: 0, src: [], dst: [] },
  'no edges': { n: 4, src: [], dst: [] },
  'nodes without edges': { n: 4, src: [0], dst: [1] }, // 2 and 3 have no edges, 0 no in-edge
};

const features = (s: Scene, width = F): tf.Tensor2D => tf.randomNormal([s.n, width], 0, 1, 'float32', 7) as tf.Tensor2D;
const edges = (s: Scene): tf.Tensor2D => tf.tensor2d([...s.src, ...s.dst], [2, s.src.length], 'int32');
const relation = 'a__to__b';
const metadata: layers.HeteroMetadata = [['a', 'b'], [['a', 'to', 'b'], ['b', 'rev_to', 'a']]];
const heteroInputs = (s: Scene): [layers.XDict, layers.EdgeIndexDict] => [
  { a: features(s), b: features(s) },
  { [relation]: edges(s), b__rev_to__a: tf.tensor2d([...s.dst, ...s.src], [2, s.src.length], 'int32') },
];

/** How to build one exported class and run it on a scene; `rows` is the leading size each output must have. */
interface Case {
  readonly make: () => Module;
  readonly run?: (m: never, s: Scene) => tf.Tensor | Record<string, tf.Tensor>;
  /** Rows of each output (default: the scene's node count). */
  readonly rows?: (s: Scene) => number;
}

const conv = (make: () => Module): Case => ({
  make,
  run: (m: { forward(x: tf.Tensor2D, e: tf.Tensor2D): tf.Tensor }, s) => m.forward(features(s), edges(s)),
});
const nodeWise = (make: () => Module, width = F): Case => ({
  make,
  run: (m: { forward(x: tf.Tensor2D): tf.Tensor }, s) => m.forward(features(s, width)),
});
const readout = (make: () => Module): Case => ({
  make,
  run: (m: { forward(x: tf.Tensor2D, batch: tf.Tensor1D, size: number): tf.Tensor }, s) =>
    m.forward(features(s), tf.zeros([s.n], 'int32') as tf.Tensor1D, 1),
  rows: () => 1,
});
const container = (make: () => Module): Case => ({ make });

// Every exported Module class, by export name. Containers have no forward: their owner runs their modules.
const CASES: Record<string, Case> = {
  Linear: nodeWise(() => new layers.Linear(F, C)),
  TorchLinear: nodeWise(() => new layers.TorchLinear(F, C)),
  Dropout: nodeWise(() => new layers.Dropout(0.5)),
  ReLU: nodeWise(() => new layers.ReLU()),
  ELU: nodeWise(() => new layers.ELU()),
  LeakyReLU: nodeWise(() => new layers.LeakyReLU()),
  Identity: nodeWise(() => new layers.Identity()),
  Sequential: nodeWise(() => new layers.Sequential(new layers.Linear(F, C), new layers.ReLU())),
  ModuleList: container(() => new layers.ModuleList([new layers.Linear(F, C)])),
  ModuleDict: container(() => new layers.ModuleDict({ a: new layers.Linear(F, C) })),
  ParameterDict: container(() => new layers.ParameterDict(['a'], [F])),
  BatchNorm1d: nodeWise(() => new layers.BatchNorm1d(F)),
  BatchNorm: nodeWise(() => new layers.BatchNorm(F)),
  LayerNorm: nodeWise(() => new layers.LayerNorm(F)),
  MLP: nodeWise(() => new layers.MLP([F, 8, C])),
  MultiheadAttention: nodeWise(() => new layers.MultiheadAttention(F, 2)),
  AttentionalAggregation: readout(() => new layers.AttentionalAggregation(new layers.Linear(F, 1))),
  GCNConv: conv(() => new layers.GCNConv(F, C)),
  GATConv: conv(() => new layers.GATConv(F, C, { heads: 2 })),
  GATv2Conv: conv(() => new layers.GATv2Conv(F, C, { heads: 2 })),
  SAGEConv: conv(() => new layers.SAGEConv(F, C)),
  GINConv: conv(() => new layers.GINConv(new layers.Linear(F, C))),
  GINEConv: {
    make: () => new layers.GINEConv(new layers.Linear(F, C), { edgeDim: 3 }),
    run: (m: layers.GINEConv, s) => m.forward(features(s), edges(s), tf.ones([s.src.length, 3])),
  },
  GraphConv: conv(() => new layers.GraphConv(F, C)),
  TransformerConv: conv(() => new layers.TransformerConv(F, C, { heads: 2 })),
  GPSConv: conv(() => new layers.GPSConv(F, new layers.GCNConv(F, F), { heads: 2 })),
  GCN: conv(() => new layers.GCN(F, C)),
  GAT: conv(() => new layers.GAT(F, C, { hiddenChannels: 4, heads: 2 })),
  GATv2: conv(() => new layers.GATv2(F, C, { hiddenChannels: 4, heads: 2 })),
  GraphSequential: conv(() => new layers.GraphSequential([['conv', () => new layers.SAGEConv(F, C)], layers.relu])),
  HeteroConv: {
    make: () => new layers.HeteroConv({ [relation]: new layers.SAGEConv([F, F], C), b__rev_to__a: new layers.GATConv([F, F], C, { addSelfLoops: false }) }),
    run: (m: layers.HeteroConv, s) => m.forward(...heteroInputs(s)),
  },
  HGTConv: {
    make: () => new layers.HGTConv(F, C * 2, metadata, { heads: 2 }),
    run: (m: layers.HGTConv, s) => m.forward(...heteroInputs(s)),
  },
  ToHeteroModule: {
    make: () =>
      layers.toHetero(new layers.GraphSequential([['lin', () => new layers.Linear(-1, C)], ['conv', () => new layers.SAGEConv([-1, -1], C)]]), metadata).materialize({ a: F, b: F }),
    run: (m: layers.ToHeteroModule, s) => m.forward(...heteroInputs(s)),
  },
  HeteroDictLinear: {
    make: () => new layers.HeteroDictLinear(F, C, { types: ['a', 'b'] }),
    run: (m: layers.HeteroDictLinear, s) => m.forward({ a: features(s), b: features(s) }),
  },
  HeteroLinear: {
    make: () => new layers.HeteroLinear(F, C, 2),
    run: (m: layers.HeteroLinear, s) => m.forwardType(features(s), 1),
  },
};

const exportedModules = Object.entries(layers)
  .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Module)
  .map(([name]) => name)
  .sort();

it('has a case for every Module class @gnnjs/layers exports (add one for a new layer)', () => {
  expect(exportedModules.length).toBeGreaterThan(30);
  expect(exportedModules.filter((name) => CASES[name] === undefined)).toEqual([]);
  // Containers (no run here) have no forward of their own; their owner runs their modules.
  for (const [name, c] of Object.entries(CASES)) {
    if (c.run === undefined) expect([name, typeof (c.make() as { forward?: unknown }).forward]).toEqual([name, 'undefined']);
  }
});

const outputs = (out: tf.Tensor | Record<string, tf.Tensor>): tf.Tensor[] => (out instanceof tf.Tensor ? [out] : Object.values(out));

const runnable = Object.entries(CASES).filter(([, c]) => c.run !== undefined);

describe.each(Object.entries(SCENES))('on a graph with %s', (_scene, scene) => {
  it.each(runnable)('%s returns one finite row per node, in eval and training mode', (_name, c) => {
    const before = tf.memory().numTensors;
    const module = c.make();
    for (const training of [false, true]) {
      module.train(training);
      tf.tidy(() => {
        const outs = outputs(c.run!(module as never, scene));
        expect(outs.length).toBeGreaterThan(0);
        for (const out of outs) {
          expect(out.shape[0]).toBe(c.rows?.(scene) ?? scene.n);
          expect(Array.from(out.dataSync()).every(Number.isFinite)).toBe(true);
        }
      });
    }
    module.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('after dispose()', () => {
  it.each(runnable)('%s raises a DisposedError naming a parameter (or runs, having none)', (name, c) => {
    const module = c.make();
    const scene = SCENES['nodes without edges']!;
    tf.tidy(() => void c.run!(module as never, scene)); // materialises lazy parameters
    const hasState = Object.keys(module.stateDict()).length > 0;
    module.dispose();
    const attempt = (): unknown => tf.tidy(() => outputs(c.run!(module as never, scene)));
    if (!hasState) {
      expect([name, attempt]).toEqual([name, expect.any(Function)]);
      expect(attempt).not.toThrow();
      return;
    }
    expect(attempt).toThrow(DisposedError);
    expect(attempt).toThrow(/parameter '.+': is disposed/);
  });
});
