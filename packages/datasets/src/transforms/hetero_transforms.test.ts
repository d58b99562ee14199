import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, HeteroGraph, type EdgeType } from '@gnnjs/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/backend.js';
import { HeteroAddSelfLoops } from './hetero_add_self_loops.js';
import { HeteroNormalizeFeatures } from './hetero_normalize_features.js';
import { HeteroRandomNodeSplit } from './hetero_random_node_split.js';
import { HeteroToUndirected } from './hetero_to_undirected.js';
import { HeteroCompose } from './hetero_transform.js';

beforeAll(useCpuBackend);

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (file: string): unknown => JSON.parse(readFileSync(path.resolve(here, file), 'utf8'));

interface Fixture {
  metadata: { node_types: string[]; edge_types: [string, string, string][] };
  x_dict: Record<string, { data: number[][] }>;
  edge_index_dict: Record<string, { data: number[][] }>;
}
interface PygEdges {
  edge_types: string[][];
  edges: Record<string, { edge_index: number[][]; edge_weight?: number[]; edge_attr?: number[][] }>;
}
const fixture = read('../../../../../shared/fixtures/pyg-hetero/heteroconv_sage_mean.json') as Fixture;
/** PyG 2.6.1 on the same graphs (test/fixtures/hetero_transforms_pyg.py). */
const pyg = read('../../test/fixtures/hetero_transforms_pyg.json') as Record<string, PygEdges> & { normalize_features: Record<string, number[][]> };

/**
 * The fixture's accounts, merchants and devices; `forwardOnly` leaves out its
 * `rev_` relations, `extra` adds `['account', 'knows', 'account']` (a duplicate
 * 1→0, a self-loop 2→2, weights 1..5) and `edgeAttr` on pays — as the PyG script does.
 */
function fixtureGraph(forwardOnly: boolean, extra: boolean): HeteroGraph {
  const nodes = Object.fromEntries(fixture.metadata.node_types.map((t) => [t, { x: tf.tensor2d(fixture.x_dict[t]!.data) }]));
  const edges = fixture.metadata.edge_types
    .filter((et) => !(forwardOnly && et[1].startsWith('rev_')))
    .map((et) => ({
      type: et,
      edgeIndex: fixture.edge_index_dict[et.join('__')]!.data,
      ...(extra && et[1] === 'pays' ? { edgeAttr: tf.tensor2d(Array.from({ length: 16 }, (_, i) => i), [8, 2]) } : {}),
    }));
  if (extra) edges.push({ type: ['account', 'knows', 'account'], edgeIndex: [[0, 1, 1, 2, 3], [1, 0, 0, 2, 4]], edgeWeight: tf.tensor1d([1, 2, 3, 4, 5]) } as never);
  return new HeteroGraph({ nodes, edges });
}

const keys = (g: HeteroGraph): string[] => g.edgeTypes.map((t) => t.join('__'));
const edgesOf = (g: HeteroGraph, type: string): number[][] => g.edge(type).edgeIndex.arraySync();

/** Every edge type's index and edge fields equal PyG's. */
function expectPyg(g: HeteroGraph, expected: PygEdges): void {
  expect(g.edgeTypes.map((t) => [...t])).toEqual(expected.edge_types);
  for (const [key, fields] of Object.entries(expected.edges)) {
    const store = g.edge(key);
    expect([key, store.edgeIndex.arraySync()]).toEqual([key, fields.edge_index]);
    expect([key, store.edgeWeight?.arraySync()]).toEqual([key, fields.edge_weight]);
    expect([key, store.edgeAttr?.arraySync()]).toEqual([key, fields.edge_attr]);
  }
}

let before: number;
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

describe('HeteroToUndirected', () => {
  it("adds rev_ relations after the others and makes same-type relations undirected, as PyG's code does", () => {
    const g = fixtureGraph(true, true);
    const u = new HeteroToUndirected().apply(g);
    // By hand from PyG's ToUndirected: pays and uses are bipartite -> flipped copies appended in order;
    // knows is account -> account -> coalesce(edges + reverses), weights summed:
    // (0,1): 1 + 2 + 3, (1,0): 2 + 3 + 1, (2,2): 4 + 4 (the loop meets its own reverse), (3,4) and (4,3): 5.
    expect(keys(u)).toEqual([
      'account__pays__merchant',
      'account__uses__device',
      'account__knows__account',
      'merchant__rev_pays__account',
      'device__rev_uses__account',
    ]);
    expect(edgesOf(u, 'account__knows__account')).toEqual([[0, 1, 2, 3, 4], [1, 0, 2, 4, 3]]);
    expect(u.edge('account__knows__account').edgeWeight!.arraySync()).toEqual([6, 6, 8, 5, 5]);
    expect(edgesOf(u, 'merchant__rev_pays__account')).toEqual([[0, 0, 1, 1, 1, 2, 0, 2], [0, 1, 1, 2, 2, 3, 4, 0]]);
    expect(u.edge('merchant__rev_pays__account').edgeAttr!.arraySync()).toEqual(g.edge('account__pays__merchant').edgeAttr!.arraySync());
    expect(edgesOf(u, 'device__rev_uses__account')).toEqual([[0, 0, 1, 2, 2], [0, 1, 2, 4, 3]]);
    expectPyg(u, pyg['to_undirected']!);
    expect(edgesOf(g, 'account__knows__account')).toEqual([[0, 1, 1, 2, 3], [1, 0, 0, 2, 4]]); // input untouched
    g.dispose();
    u.dispose();
  });

  it('with merge: false gives same-type relations a rev_ relation too', () => {
    const g = fixtureGraph(true, true);
    const u = new HeteroToUndirected({ merge: false }).apply(g);
    expect(keys(u).at(-1)).toBe('account__rev_knows__account');
    expect(edgesOf(u, 'account__rev_knows__account')).toEqual([[1, 0, 0, 2, 4], [0, 1, 1, 2, 3]]);
    expectPyg(u, pyg['to_undirected_no_merge']!);
    g.dispose();
    u.dispose();
  });

  it('overwrites existing reverse relations in place and reverses them in turn (rev_rev_), as PyG', () => {
    const g = fixtureGraph(false, false);
    const u = new HeteroToUndirected().apply(g);
    expect(keys(u)).toEqual([...keys(g), 'account__rev_rev_pays__merchant', 'account__rev_rev_uses__device']);
    expectPyg(u, pyg['to_undirected_with_rev']!);
    g.dispose();
    u.dispose();
  });

  it('keeps the earliest timestamp of an edge and its reverse', () => {
    const g = new HeteroGraph({
      nodes: { a: { numNodes: 3 } },
      edges: [{ type: ['a', 'r', 'a'], edgeIndex: [[0, 1, 2], [1, 0, 2]], edgeTime: tf.tensor1d([2_000_000_001, 2_000_000_000, 7], 'int32') }],
    });
    const u = new HeteroToUndirected().apply(g);
    expect(edgesOf(u, 'a__r__a')).toEqual([[0, 1, 2], [1, 0, 2]]);
    expect(u.edge('a__r__a').edgeTime!.arraySync()).toEqual([2_000_000_000, 2_000_000_000, 7]);
    g.dispose();
    u.dispose();
  });
});

describe('HeteroAddSelfLoops', () => {
  it('adds loops to same-type relations only, weights filled with 1, as PyG', () => {
    const g = fixtureGraph(true, true);
    const looped = new HeteroAddSelfLoops().apply(g);
    expect(edgesOf(looped, 'account__knows__account')).toEqual([
      [0, 1, 1, 2, 3, 0, 1, 2, 3, 4, 5],
      [1, 0, 0, 2, 4, 0, 1, 2, 3, 4, 5],
    ]);
    expectPyg(looped, pyg['add_self_loops']!);
    g.dispose();
    looped.dispose();
  });

  it("gives loops the node's time, or 0", () => {
    const g = new HeteroGraph({
      nodes: { a: { numNodes: 2, time: tf.tensor1d([5, 6], 'int32') }, b: { numNodes: 1 } },
      edges: [
        { type: ['a', 'r', 'a'], edgeIndex: [[0], [1]], edgeTime: tf.tensor1d([9], 'int32') },
        { type: ['b', 's', 'b'], edgeIndex: [[0], [0]], edgeTime: tf.tensor1d([3], 'int32') },
      ],
    });
    const looped = new HeteroAddSelfLoops().apply(g);
    expect(looped.edge('a__r__a').edgeTime!.arraySync()).toEqual([9, 5, 6]);
    expect(looped.edge('b__s__b').edgeTime!.arraySync()).toEqual([3, 0]);
    g.dispose();
    looped.dispose();
  });
});

describe('HeteroNormalizeFeatures', () => {
  it("normalises each type's x as PyG does", () => {
    const g = fixtureGraph(true, false);
    const out = new HeteroNormalizeFeatures().apply(g);
    for (const type of out.nodeTypes) {
      const x = out.node(type).x!.arraySync();
      const expected = pyg.normalize_features[type]!;
      x.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected[i]![j]!)).toBeLessThan(1e-6)));
    }
    g.dispose();
    out.dispose();
  });
});

describe('HeteroRandomNodeSplit', () => {
  /** 100 accounts, 5 of them fraudulent (label 1), and 10 merchants. */
  function fraud(): HeteroGraph<'account' | 'merchant'> {
    return HeteroGraph.fromArrays({
      nodes: {
        account: { numNodes: 100, y: Int32Array.from({ length: 100 }, (_, i) => (i % 20 === 7 ? 1 : 0)) },
        merchant: { numNodes: 10 },
      },
      edges: [{ type: ['account', 'pays', 'merchant'], src: [0, 1], dst: [0, 1] }],
    });
  }
  const perClass = (g: HeteroGraph<'account' | 'merchant'>, mask: 'trainMask' | 'valMask' | 'testMask'): number[] => {
    const y = g.node('account').y!.dataSync();
    const m = g.node('account')[mask]!.dataSync();
    return [0, 1].map((c) => Array.from(y).reduce((s, label, i) => s + (label === c && m[i] ? 1 : 0), 0));
  };

  it('splits the target type by counts or ratios, and only that type', () => {
    const g = fraud();
    const out = new HeteroRandomNodeSplit({ nodeType: 'account', numVal: 0.1, numTest: 30, seed: 1 }).apply(g);
    const sum = (mask: 'trainMask' | 'valMask' | 'testMask'): number => perClass(out, mask).reduce((a, b) => a + b, 0);
    expect([sum('trainMask'), sum('valMask'), sum('testMask')]).toEqual([60, 10, 30]);
    expect(out.node('merchant').trainMask).toBeUndefined();
    expect(out.edgeTypes).toEqual(g.edgeTypes);
    g.dispose();
    out.dispose();
  });

  it('stratify puts the rare class into every part in proportion', () => {
    const g = fraud();
    const out = new HeteroRandomNodeSplit({ nodeType: 'account', numVal: 0.2, numTest: 0.2, stratify: true, seed: 1 }).apply(g);
    expect(perClass(out, 'valMask')).toEqual([19, 1]);
    expect(perClass(out, 'testMask')).toEqual([19, 1]);
    expect(perClass(out, 'trainMask')).toEqual([57, 3]);
    g.dispose();
    out.dispose();
  });

  it('names the node type when the labels cannot be split', () => {
    const g = fraud();
    const few = new HeteroRandomNodeSplit({ nodeType: 'account', numVal: 0.1, numTest: 0.1, stratify: true });
    const tiny = g.with({ nodes: { account: { y: tf.tensor1d(Array.from({ length: 100 }, (_, i) => (i === 3 ? 1 : 0)), 'int32') } } });
    const error = (() => {
      try {
        few.apply(tiny);
      } catch (e) {
        return e as GraphValidationError;
      }
    })();
    expect(error).toBeInstanceOf(GraphValidationError);
    expect(error!.field).toBe("node ['account'].y");
    expect(error!.message).toContain("HeteroRandomNodeSplit['account']('train_rest', stratify): class 1 has 1 node");
    expect(error!.message).toContain('(class sizes: 0: 99, 1: 1)');
    expect(() => new HeteroRandomNodeSplit({ nodeType: 'merchant', split: 'random' }).apply(g)).toThrow(/node \['merchant'\]\.y/);
    expect(() => new HeteroRandomNodeSplit({ nodeType: 'shop' }).apply(g)).toThrow(/'shop' is not a node type/);
    g.dispose();
    tiny.dispose();
  });
});

describe('HeteroCompose', () => {
  it('chains transforms and frees the graphs between steps', () => {
    const g = fixtureGraph(true, true);
    const t = new HeteroCompose([new HeteroToUndirected(), new HeteroAddSelfLoops(), new HeteroNormalizeFeatures()]);
    const out = t.apply(g);
    expect(out.edge(['account', 'knows', 'account'] as EdgeType).numEdges).toBe(5 + 6);
    expect(t.toString()).toBe('HeteroCompose([HeteroToUndirected(), HeteroAddSelfLoops(), HeteroNormalizeFeatures()])');
    g.dispose();
    out.dispose();
  });
});
