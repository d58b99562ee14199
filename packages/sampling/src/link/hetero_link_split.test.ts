import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Graph, HeteroGraph, type EdgeTypeKey } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SamplingError } from '../errors.js';
import fixtures from '../testdata/pyg_hetero_link_split.json' with { type: 'json' };
import { splitHeteroWithDraws, type HeteroLinkSplit, type HeteroRandomLinkSplitOptions } from './hetero_link_split.js';
import { randomLinkSplit } from './random_link_split.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Node = 'user' | 'item';
const RATES = 'user__rates__item' as const;
const RATED_BY = 'item__rated_by__user' as const;
const FOLLOWS = 'user__follows__user' as const;
const SIMILAR = 'item__similar__item' as const;
const SRC = [0, 0, 1, 1, 2, 3, 3, 4, 5, 5];
const DST = [0, 2, 1, 3, 4, 0, 2, 1, 3, 4];
const PAIRS = [
  [0, 1],
  [0, 2],
  [1, 3],
  [2, 4],
  [3, 5],
  [4, 5],
  [1, 4],
  [2, 5],
];
const MS = [0, 1, 2, 3, 4, 0];
const MD = [1, 2, 3, 4, 5, 3];
const LABELS = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0];
const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

/** The graph of `testdata/pyg_hetero_link_split.py`, built the same way. */
function graph(): HeteroGraph<Node> {
  const fs = [...PAIRS.map((p) => p[0]!), ...PAIRS.map((p) => p[1]!)];
  const fd = [...PAIRS.map((p) => p[1]!), ...PAIRS.map((p) => p[0]!)];
  return new HeteroGraph({
    nodes: { user: { x: tf.tensor2d(range(12, (i) => i), [6, 2]) }, item: { x: tf.tensor2d(range(15, (i) => i), [5, 3]) } },
    edges: [
      { type: ['user', 'rates', 'item'], edgeIndex: [SRC, DST], edgeAttr: tf.tensor2d(range(20, (i) => i / 4), [10, 2]) },
      { type: ['item', 'rated_by', 'user'], edgeIndex: [DST, SRC], edgeAttr: tf.tensor2d(range(20, (i) => -i), [10, 2]), edgeWeight: tf.tensor1d(range(10, (i) => i)) },
      { type: ['user', 'follows', 'user'], edgeIndex: [fs, fd], edgeWeight: tf.tensor1d(range(16, (i) => i / 2)) },
      { type: ['item', 'similar', 'item'], edgeIndex: [[0, 1, 2, 3], [1, 2, 3, 4]] },
      { type: ['user', 'mentors', 'user'], edgeIndex: [MS, MD] },
      { type: ['user', 'mentored_by', 'user'], edgeIndex: [MD, MS] },
    ],
  });
}

const values = (t: tf.Tensor | undefined): unknown => (t === undefined ? undefined : t.arraySync());
const pairs = (t: tf.Tensor2D): string[] => {
  const [r, c] = t.arraySync() as [number[], number[]];
  return r.map((v, i) => `${v}-${c[i]}`);
};
const flip = (p: string): string => p.split('-').reverse().join('-');

interface Case {
  name: string;
  options: Record<string, unknown>;
  withLabels: boolean;
  draws: { randperm: number[]; numNeg: number; negatives: [number[], number[]] }[];
  splits: Record<'train' | 'val' | 'test', Record<string, Record<string, unknown>>>;
}

/** PyG's options in ours. */
function optionsOf(c: Case, labels: tf.Tensor | undefined): HeteroRandomLinkSplitOptions<Node> {
  const o = c.options;
  const out: HeteroRandomLinkSplitOptions<Node> = { edgeTypes: o['edge_types'] as never };
  if (o['rev_edge_types'] !== undefined) out.revEdgeTypes = o['rev_edge_types'] as never;
  for (const [py, ts] of [
    ['num_val', 'numVal'],
    ['num_test', 'numTest'],
    ['is_undirected', 'isUndirected'],
    ['split_labels', 'splitLabels'],
    ['disjoint_train_ratio', 'disjointTrainRatio'],
    ['add_negative_train_samples', 'addNegativeTrainSamples'],
    ['neg_sampling_ratio', 'negSamplingRatio'],
  ] as const) {
    if (o[py] !== undefined) (out as unknown as Record<string, unknown>)[ts] = o[py];
  }
  if (labels !== undefined) out.edgeLabels = { [RATES]: labels };
  return out;
}

describe('randomLinkSplit on a HeteroGraph matches PyG 2.6.1 given the same draws', () => {
  for (const c of (fixtures as unknown as { cases: Case[] }).cases) {
    it(c.name, () => {
      const g = graph();
      const labels = c.withLabels ? tf.tensor1d(LABELS, 'int32') : undefined;
      const before = tf.memory().numTensors;
      const splits = splitHeteroWithDraws(g, optionsOf(c, labels), (i) => (candidates, numNeg) => {
        const draw = c.draws[i]!;
        expect(numNeg).toBe(draw.numNeg);
        return { perm: draw.randperm.map((k) => candidates[k]!), negatives: draw.negatives };
      });
      for (const name of ['train', 'val', 'test'] as const) {
        const split = splits[name];
        const expected = c.splits[name];
        expect(split.graph.edgeTypes.map((t) => t.join('__'))).toEqual(Object.keys(expected));
        for (const [key, fields] of Object.entries(expected)) {
          const store = split.graph.edge(key as EdgeTypeKey<Node>);
          const where = `${name} ${key}`;
          expect({ where, edgeIndex: values(store.edgeIndex) }).toEqual({ where, edgeIndex: fields['edge_index'] });
          expect({ where, edgeAttr: values(store.edgeAttr) }).toEqual({ where, edgeAttr: fields['edge_attr'] });
          expect({ where, edgeWeight: values(store.edgeWeight) }).toEqual({ where, edgeWeight: fields['edge_weight'] });
          const l = split.labels[key as EdgeTypeKey<Node>];
          if (fields['edge_label_index'] === undefined && fields['pos_edge_label_index'] === undefined) {
            expect(l).toBeUndefined();
            continue;
          }
          if (fields['edge_label_index'] !== undefined) {
            expect(values(l.edgeLabelIndex)).toEqual(fields['edge_label_index']);
            expect(values(l.edgeLabel)).toEqual(fields['edge_label']);
            expect(l.edgeLabel.dtype).toBe(c.withLabels && key === RATES ? 'int32' : 'float32');
          } else {
            expect(values(l.posEdgeLabelIndex)).toEqual(fields['pos_edge_label_index']);
            expect(values(l.posEdgeLabel)).toEqual(fields['pos_edge_label']);
            if (fields['neg_edge_label_index'] === undefined) {
              // PyG leaves them out when there are no negatives; ours are empty.
              expect([l.negEdgeLabelIndex!.shape, l.negEdgeLabel!.shape]).toEqual([[2, 0], [0]]);
            } else {
              expect(values(l.negEdgeLabelIndex)).toEqual(fields['neg_edge_label_index']);
              expect(values(l.negEdgeLabel)).toEqual(fields['neg_edge_label']);
            }
            // Ours also gives them concatenated, as for a homogeneous graph.
            expect(l.edgeLabelIndex.shape[1]).toBe(l.posEdgeLabelIndex!.shape[1] + l.negEdgeLabelIndex!.shape[1]);
          }
        }
      }
      for (const split of Object.values(splits)) split.dispose();
      expect(tf.memory().numTensors).toBe(before);
      labels?.dispose();
      g.dispose();
    });
  }
});

describe('randomLinkSplit on a HeteroGraph (seeded)', () => {
  const options: HeteroRandomLinkSplitOptions<Node> = {
    numVal: 0.2,
    numTest: 0.2,
    isUndirected: true,
    edgeTypes: [['user', 'rates', 'item'], FOLLOWS],
    revEdgeTypes: [['item', 'rated_by', 'user'], null],
    seed: 7,
  };

  it('splits each type: edge counts per split, reverse edges follow the message edges, negatives are non-edges', () => {
    const g = graph();
    const { train, val, test } = randomLinkSplit(g, options);
    // rates (bipartite: not undirected): 10 edges → 6 train, 2 val, 2 test; follows: 8 pairs → 6 / 1 / 1, messages both ways.
    const count = (s: HeteroLinkSplit<Node>, key: EdgeTypeKey<Node>): number => s.graph.edge(key).numEdges;
    expect([train, val, test].map((s) => [count(s, RATES), count(s, RATED_BY), count(s, FOLLOWS), count(s, SIMILAR)])).toEqual([
      [6, 6, 12, 4],
      [6, 6, 12, 4],
      [8, 8, 14, 4],
    ]);
    expect([train, val, test].map((s) => [s.labels[RATES].edgeLabelIndex.shape, s.labels[FOLLOWS].edgeLabelIndex.shape])).toEqual([
      [
        [2, 12],
        [2, 12],
      ],
      [
        [2, 4],
        [2, 2],
      ],
      [
        [2, 4],
        [2, 2],
      ],
    ]);
    const all = new Set(pairs(g.edge(RATES).edgeIndex));
    for (const s of [train, val, test]) {
      // The reverse type is exactly the flipped message edges, with the split type's edge features (PyG's rule).
      expect(pairs(s.graph.edge(RATED_BY).edgeIndex)).toEqual(pairs(s.graph.edge(RATES).edgeIndex).map(flip));
      expect(values(s.graph.edge(RATED_BY).edgeAttr)).toEqual(values(s.graph.edge(RATES).edgeAttr));
      expect(s.graph.edge(RATED_BY).edgeWeight).toBeUndefined();
      const labels = s.labels[RATES];
      const y = labels.edgeLabel.arraySync() as number[];
      const negatives = pairs(labels.edgeLabelIndex).filter((_, i) => y[i] === 0);
      expect(negatives.length).toBe(y.filter((v) => v === 1).length);
      for (const p of negatives) {
        expect(all.has(p)).toBe(false);
        const [u, it] = p.split('-').map(Number);
        expect(u).toBeLessThan(6);
        expect(it).toBeLessThan(5);
      }
      expect(values(s.graph.edge(SIMILAR).edgeIndex)).toEqual(values(g.edge(SIMILAR).edgeIndex));
      expect(values(s.graph.node('user').x)).toEqual(values(g.node('user').x));
    }
    // No validation or test positive is passed along either direction where it is predicted.
    for (const [s, held] of [
      [train, val],
      [val, test],
    ] as const) {
      const y = held.labels[RATES].edgeLabel.arraySync() as number[];
      const positives = pairs(held.labels[RATES].edgeLabelIndex).filter((_, i) => y[i] === 1);
      const messages = new Set(pairs(s.graph.edge(RATES).edgeIndex));
      const reverse = new Set(pairs(s.graph.edge(RATED_BY).edgeIndex));
      for (const p of positives) {
        expect(messages.has(p)).toBe(false);
        expect(reverse.has(flip(p))).toBe(false);
      }
      const fy = held.labels[FOLLOWS].edgeLabel.arraySync() as number[];
      const followMessages = new Set(pairs(s.graph.edge(FOLLOWS).edgeIndex));
      for (const p of pairs(held.labels[FOLLOWS].edgeLabelIndex).filter((_, i) => fy[i] === 1)) {
        expect(followMessages.has(p)).toBe(false);
        expect(followMessages.has(flip(p))).toBe(false);
      }
    }
    for (const s of [train, val, test]) s.dispose();
    g.dispose();
  });

  it('is deterministic for a seed, and another seed splits otherwise', () => {
    const g = graph();
    const snapshot = (seed: number): unknown => {
      const splits = randomLinkSplit(g, { ...options, seed });
      const out = Object.values(splits).map((s) => [values(s.graph.edge(RATES).edgeIndex), values(s.labels[RATES].edgeLabelIndex), values(s.labels[FOLLOWS].edgeLabelIndex)]);
      for (const s of Object.values(splits)) s.dispose();
      return out;
    };
    expect(snapshot(7)).toEqual(snapshot(7));
    expect(snapshot(8)).not.toEqual(snapshot(7));
    g.dispose();
  });

  it('splits its first type as a homogeneous graph of the same edges would be split', () => {
    const g = graph();
    const hetero = randomLinkSplit(g, { edgeTypes: FOLLOWS, isUndirected: true, numVal: 0.25, numTest: 0.25, seed: 3 });
    const homo = randomLinkSplit(new Graph({ edgeIndex: g.edge(FOLLOWS).edgeIndex.clone(), numNodes: 6 }), { isUndirected: true, numVal: 0.25, numTest: 0.25, seed: 3 });
    for (const name of ['train', 'val', 'test'] as const) {
      expect(values(hetero[name].graph.edge(FOLLOWS).edgeIndex)).toEqual(values(homo[name].graph.edgeIndex));
      expect(values(hetero[name].labels[FOLLOWS].edgeLabelIndex)).toEqual(values(homo[name].edgeLabelIndex));
      expect(values(hetero[name].labels[FOLLOWS].edgeLabel)).toEqual(values(homo[name].edgeLabel));
      hetero[name].dispose();
      homo[name].graph.dispose();
      homo[name].dispose();
    }
    g.dispose();
  });

  it('labels existing classes 1 … C and negatives 0 (PyG edge_label)', () => {
    const g = graph();
    const labels = tf.tensor1d(LABELS, 'int32');
    const { train, val, test } = randomLinkSplit(g, { ...options, edgeLabels: { [RATES]: labels } });
    const byPair = new Map(SRC.map((s, i) => [`${s}-${DST[i]}`, LABELS[i]!]));
    for (const s of [train, val, test]) {
      const y = s.labels[RATES].edgeLabel.arraySync() as number[];
      const p = pairs(s.labels[RATES].edgeLabelIndex);
      expect(s.labels[RATES].edgeLabel.dtype).toBe('int32');
      p.forEach((pair, i) => expect(y[i]).toBe(byPair.has(pair) && i < y.length / 2 ? byPair.get(pair)! + 1 : 0));
      s.dispose();
    }
    labels.dispose();
    g.dispose();
  });

  it('refuses what PyG refuses or would get wrong, naming the option', () => {
    const g = graph();
    const error = (o: Partial<HeteroRandomLinkSplitOptions<Node>>): SamplingError => {
      try {
        randomLinkSplit(g, { seed: 0, ...o } as HeteroRandomLinkSplitOptions<Node>);
      } catch (e) {
        expect(e).toBeInstanceOf(SamplingError);
        return e as SamplingError;
      }
      throw new Error('no error');
    };
    expect(error({}).field).toBe('edgeTypes');
    expect(error({ edgeTypes: 'user__buys__item' }).message).toMatch(/'user__buys__item' is not an edge type of the graph/);
    expect(error({ edgeTypes: [RATES, FOLLOWS], revEdgeTypes: [RATED_BY] }).field).toBe('revEdgeTypes');
    expect(error({ edgeTypes: [RATES, RATED_BY], revEdgeTypes: [RATED_BY, RATES] }).field).toBe('revEdgeTypes[0]');
    expect(error({ edgeTypes: RATES, edgeLabels: { [RATES]: tf.tensor1d([1, 2]) } }).field).toBe(`edgeLabels['${RATES}']`);
    const floats = tf.tensor1d(LABELS);
    expect(error({ edgeTypes: RATES, edgeLabels: { [RATES]: floats } }).message).toMatch(/int32 class ids/);
    floats.dispose();
    g.dispose();
  });
});
