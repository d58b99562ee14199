import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../errors.js';
import { useCpuBackend } from '../testing/backend.js';
import { HeteroToUndirected } from '../transforms/hetero_to_undirected.js';
import { heteroStochasticBlockModel, heteroStochasticBlockModelData } from './hetero_stochastic_block_model.js';

beforeAll(useCpuBackend);

/** Fraction of a relation's edges whose destination block is the source block + shift. */
function inBlockShare(data: ReturnType<typeof heteroStochasticBlockModelData>, k: number, shift: number): number {
  const { type, edgeIndex } = data.edges[k]!;
  const e = edgeIndex.length / 2;
  const src = data.nodes[type[0]]!.block;
  const dst = data.nodes[type[2]]!.block;
  let hits = 0;
  for (let i = 0; i < e; i++) if (dst[edgeIndex[e + i]!] === (src[edgeIndex[i]!]! + shift) % data.numClasses) hits++;
  return hits / e;
}

describe('heteroStochasticBlockModel', () => {
  it('plants type-dependent blocks: merchants of the class, devices of the next block, as many edges as p·pairs', () => {
    const data = heteroStochasticBlockModelData({ seed: 3 });
    expect(Object.keys(data.nodes)).toEqual(['account', 'merchant', 'device']);
    expect(data.edges.map((e) => e.type.join('__'))).toEqual(['account__pays__merchant', 'account__uses__device', 'account__follows__account']);
    // pays: 100·20·0.1 in-block pairs per class against 100·40·0.01 out → about 83 % in block.
    expect(inBlockShare(data, 0, 0)).toBeGreaterThan(0.75);
    expect(inBlockShare(data, 1, 1)).toBeGreaterThan(0.7);
    expect(inBlockShare(data, 1, 0)).toBeLessThan(0.2);
    const pays = data.edges[0]!.edgeIndex.length / 2;
    const expected = 3 * (100 * 20 * 0.1 + 100 * 40 * 0.01);
    expect(Math.abs(pays - expected)).toBeLessThan(4 * Math.sqrt(expected));
    const follows = data.edges[2]!.edgeIndex;
    const f = follows.length / 2;
    for (let i = 0; i < f; i++) expect(follows[i]).not.toBe(follows[f + i]);
    // Classes are the account blocks, balanced, hidden by the numbering; masks are disjoint.
    expect([0, 1, 2].map((c) => data.y.filter((v) => v === c).length)).toEqual([100, 100, 100]);
    expect(Array.from(data.y.subarray(0, 12))).not.toEqual(Array(12).fill(0));
    expect(data.trainMask.reduce((a, b) => a + b, 0)).toBe(60);
    for (let i = 0; i < 300; i++) expect(data.trainMask[i]! + data.valMask[i]! + data.testMask[i]!).toBe(1);
  });

  it('is seeded; the target type has no feature signal by default', () => {
    const a = heteroStochasticBlockModelData({ seed: 1 });
    expect(a.edges[0]!.edgeIndex).toEqual(heteroStochasticBlockModelData({ seed: 1 }).edges[0]!.edgeIndex);
    expect(a.edges[0]!.edgeIndex).not.toEqual(heteroStochasticBlockModelData({ seed: 2 }).edges[0]!.edgeIndex);
    const silent = heteroStochasticBlockModelData({ seed: 1, featureNoise: 0 });
    expect(silent.nodes['account']!.x.every((v) => v === 0)).toBe(true);
    expect(silent.nodes['merchant']!.x.some((v) => v !== 0)).toBe(true);
  });

  it('builds a HeteroGraph with y and masks on the target; HeteroToUndirected adds the rev_ relations', () => {
    const directed = heteroStochasticBlockModel({ seed: 4 });
    const g = new HeteroToUndirected().apply(directed);
    directed.dispose();
    expect(g.metadata()[1].map((t) => t.join('__'))).toEqual([
      'account__pays__merchant', 'account__uses__device', 'account__follows__account', 'merchant__rev_pays__account', 'device__rev_uses__account',
    ]);
    expect(g.node('account').y!.shape).toEqual([300]);
    expect(g.node('account').numClasses).toBe(3);
    expect(g.node('merchant').x!.shape).toEqual([60, 16]);
    expect(g.node('merchant').y).toBeUndefined();
    g.dispose();
  });

  it('refuses relations to unknown types and bad options, naming them', () => {
    expect(() => heteroStochasticBlockModelData({ relations: [{ type: ['account', 'owns', 'card'], pIn: 0.1, pOut: 0 }] })).toThrow(
      /relations\[0\] 'account__owns__card' refers to node type 'card'/,
    );
    expect(() => heteroStochasticBlockModelData({ target: 'card' })).toThrow(DatasetError);
    expect(() => heteroStochasticBlockModelData({ relations: [{ type: ['account', 'pays', 'merchant'], pIn: 2, pOut: 0 }] })).toThrow(/relations\[0\]\.pIn/);
    expect(() => heteroStochasticBlockModelData({ nodes: { account: { numNodes: 2 } } })).toThrow(/nodes\.account\.numNodes must be an integer ≥ 3/);
  });
});
