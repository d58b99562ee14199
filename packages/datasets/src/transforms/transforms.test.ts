import * as tf from '@tensorflow/tfjs-core';
import { Graph } from '@gnnjs/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/backend.js';
import { AddSelfLoops } from './add_self_loops.js';
import { GCNNorm } from './gcn_norm.js';
import { NormalizeFeatures } from './normalize_features.js';
import { RandomNodeSplit } from './random_node_split.js';
import { ToUndirected } from './to_undirected.js';
import { Compose } from './transform.js';

beforeAll(useCpuBackend);

let graph: Graph;
let before: number;
beforeEach(() => {
  before = tf.memory().numTensors;
  graph = Graph.fromArrays({
    src: [0, 1, 1, 2],
    dst: [1, 2, 0, 3],
    x: [[1, 3], [0, 0], [0.2, 0.2], [2, 2]],
    y: [0, 1, 0, 1],
    edgeWeight: [1, 2, 3, 4],
  });
});
afterEach(() => {
  graph.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

const edges = (g: Graph): number[][] => g.edgeIndex.arraySync();

describe('transforms', () => {
  it('NormalizeFeatures row-normalises like PyG (x − min, ÷ max(rowSum, 1))', () => {
    const out = new NormalizeFeatures().apply(graph);
    const x = out.x!.arraySync();
    expect(x[0]).toEqual([0.25, 0.75]);
    expect(x[1]).toEqual([0, 0]);
    expect(x[2]![0]).toBeCloseTo(0.2); // row sum 0.4 < 1: not scaled up
    expect(x[3]).toEqual([0.5, 0.5]);
    expect(graph.isDisposed).toBe(false);
    expect(out.edgeIndex).not.toBe(graph.edgeIndex);
    out.dispose();
    expect(graph.x!.arraySync()[0]).toEqual([1, 3]); // the input is intact after the output is freed
  });

  it('AddSelfLoops appends loops with fillValue weights', () => {
    const out = new AddSelfLoops({ fillValue: 0.5 }).apply(graph);
    expect(edges(out)).toEqual([
      [0, 1, 1, 2, 0, 1, 2, 3],
      [1, 2, 0, 3, 0, 1, 2, 3],
    ]);
    expect(Array.from(out.edgeWeight!.dataSync())).toEqual([1, 2, 3, 4, 0.5, 0.5, 0.5, 0.5]);
    out.dispose();
  });

  it('ToUndirected adds reverses, coalesces and sums weights', () => {
    const out = new ToUndirected().apply(graph);
    expect(edges(out)).toEqual([
      [0, 1, 1, 2, 2, 3],
      [1, 0, 2, 1, 3, 2],
    ]);
    expect(Array.from(out.edgeWeight!.dataSync())).toEqual([4, 4, 2, 2, 4, 4]);
    out.dispose();
  });

  it('GCNNorm puts D^-1/2 (A + I) D^-1/2 into edgeWeight', () => {
    const plain = Graph.fromArrays({ src: [0, 1], dst: [1, 0], numNodes: 2 });
    const out = new GCNNorm().apply(plain);
    expect(out.numEdges).toBe(4);
    expect(Array.from(out.edgeWeight!.dataSync()).map((v) => Number(v.toFixed(6)))).toEqual([0.5, 0.5, 0.5, 0.5]);
    out.dispose();
    plain.dispose();
  });

  it('Compose chains transforms and frees the graphs in between', () => {
    const t = new Compose([new ToUndirected(), new AddSelfLoops(), new NormalizeFeatures()]);
    expect(t.toString()).toBe('Compose([ToUndirected(), AddSelfLoops(), NormalizeFeatures()])');
    const out = t.apply(graph);
    expect(out.numEdges).toBe(10);
    out.dispose();
  });

  it('RandomNodeSplit follows PyG rules, seeded', () => {
    const big = Graph.fromArrays({ src: [0], dst: [1], numNodes: 100, y: Array.from({ length: 100 }, (_, i) => i % 4) });
    const t = new RandomNodeSplit({ split: 'random', numTrainPerClass: 5, numVal: 0.2, numTest: 30, seed: 1 });
    const a = t.apply(big);
    const sum = (m: tf.Tensor | undefined): number => (m!.dataSync() as Uint8Array).reduce((s, v) => s + v, 0);
    expect([sum(a.trainMask), sum(a.valMask), sum(a.testMask)]).toEqual([20, 20, 30]);
    const again = new RandomNodeSplit({ split: 'random', numTrainPerClass: 5, numVal: 0.2, numTest: 30, seed: 1 }).apply(big);
    expect(again.trainMask!.dataSync()).toEqual(a.trainMask!.dataSync());
    const next = t.apply(big); // the next split of the same stream differs
    expect(next.trainMask!.dataSync()).not.toEqual(a.trainMask!.dataSync());
    const rest = new RandomNodeSplit({ numVal: 10, numTest: 10 }).apply(big);
    expect([sum(rest.trainMask), sum(rest.valMask), sum(rest.testMask)]).toEqual([80, 10, 10]);
    const testRest = new RandomNodeSplit({ split: 'test_rest', numTrainPerClass: 5, numVal: 10 }).apply(big);
    expect([sum(testRest.trainMask), sum(testRest.valMask), sum(testRest.testMask)]).toEqual([20, 10, 70]);
    for (const g of [a, again, next, rest, testRest, big]) g.dispose();
  });
});
