import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { failingField } from '../test_support/hetero_fixture.js';
import { HeteroBatch } from './hetero_batch.js';
import { HeteroGraph } from './hetero_graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const PAYS = ['account', 'pays', 'merchant'] as const;

/** `accounts` accounts paying `merchants` merchants; account i pays merchant i mod merchants. */
function shop(accounts: number, merchants: number, label: number): HeteroGraph<'account' | 'merchant'> {
  const src = Array.from({ length: accounts }, (_, i) => i);
  return HeteroGraph.fromArrays({
    nodes: {
      account: { x: Array.from({ length: accounts }, (_, i) => [label, i]), trainMask: src.map((i) => i % 2) },
      merchant: { numNodes: merchants, time: Array.from({ length: merchants }, (_, i) => 100 * label + i) },
    },
    edges: [
      { type: PAYS, src, dst: src.map((i) => i % merchants), edgeWeight: src.map((i) => label + i / 10) },
      { type: ['merchant', 'refunds', 'account'], src: [0], dst: [accounts - 1] },
    ],
    y: label,
  });
}

describe('HeteroBatch', () => {
  it('offsets each edge row by its own node type and keeps per-type batch vectors and ptr', () => {
    const graphs = [shop(3, 2, 0), shop(2, 1, 1), shop(1, 2, 2)];
    const b = HeteroBatch.fromGraphs(graphs);
    expect(b).toBeInstanceOf(HeteroGraph);
    expect(b.numGraphs).toBe(3);
    expect(b.numNodesDict()).toEqual({ account: 6, merchant: 5 });
    expect(Array.from(b.ptr('account'))).toEqual([0, 3, 5, 6]);
    expect(Array.from(b.ptr('merchant'))).toEqual([0, 2, 3, 5]);
    expect(b.batch('account').arraySync()).toEqual([0, 0, 0, 1, 1, 2]);
    expect(b.batchDict().merchant.arraySync()).toEqual([0, 0, 1, 2, 2]);
    expect(Array.from(b.edgePtr(PAYS))).toEqual([0, 3, 5, 6]);
    // accounts offset by 0, 3, 5; merchants by 0, 2, 3
    expect(b.edge(PAYS).edgeIndex.arraySync()).toEqual([
      [0, 1, 2, 3, 4, 5],
      [0, 1, 0, 2, 2, 3],
    ]);
    expect(b.edge('merchant__refunds__account').edgeIndex.arraySync()).toEqual([
      [0, 2, 3],
      [2, 4, 5],
    ]);
    expect(b.node('merchant').time!.arraySync()).toEqual([0, 1, 100, 200, 201]);
    expect(b.y!.arraySync()).toEqual([0, 1, 2]);
    expect(Object.isFrozen(b)).toBe(true);
    b.dispose();
    graphs.forEach((g) => g.dispose());
  });

  it('unbatch gives the graphs back, field for field', () => {
    const before = tf.memory().numTensors;
    const vectorY = shop(2, 1, 1);
    const graphs = [shop(3, 2, 0), vectorY.with({ y: tf.scalar(1, 'int32') }), shop(1, 2, 2)];
    vectorY.dispose();
    const b = HeteroBatch.fromGraphs(graphs);
    expect(b.y!.arraySync()).toEqual([0, 1, 2]);
    const back = b.unbatch();
    expect(back).toHaveLength(3);
    back.forEach((g, i) => {
      const original = graphs[i]!;
      expect(g.metadata()).toEqual(original.metadata());
      expect(g.numNodesDict()).toEqual(original.numNodesDict());
      expect(g.y!.shape).toEqual(i === 1 ? [] : [1]); // graph-level targets: a scalar or one row, as given
      expect(g.y!.arraySync()).toEqual(original.y!.arraySync());
      for (const type of original.nodeTypes) {
        for (const field of ['x', 'trainMask', 'time'] as const) {
          const [a, c] = [original.node(type)[field], g.node(type)[field]];
          expect(c?.dtype).toBe(a?.dtype);
          expect(c?.arraySync()).toEqual(a?.arraySync());
        }
      }
      for (const type of original.edgeTypes) {
        expect(g.edge(type).edgeIndex.arraySync()).toEqual(original.edge(type).edgeIndex.arraySync());
        expect(g.edge(type).edgeWeight?.arraySync()).toEqual(original.edge(type).edgeWeight?.arraySync());
      }
    });
    [b, ...back, ...graphs].forEach((g) => g.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses graphs whose types or fields differ, naming them', () => {
    const a = shop(2, 1, 0);
    const noX = a.with({ nodes: { account: { x: undefined } } });
    const other = new HeteroGraph({ nodes: { account: { numNodes: 1 }, merchant: { numNodes: 1 } }, edges: [], y: tf.scalar(0) });
    const before = tf.memory().numTensors;
    expect(failingField(() => HeteroBatch.fromGraphs([a, noX]))).toBe("node ['account'].x");
    expect(failingField(() => HeteroBatch.fromGraphs([a, other]))).toBe("edge ['account','pays','merchant']");
    expect(failingField(() => HeteroBatch.fromGraphs([]))).toBe('graphs');
    expect(tf.memory().numTensors).toBe(before);
    [a, noX, other].forEach((g) => g.dispose());
  });
});
