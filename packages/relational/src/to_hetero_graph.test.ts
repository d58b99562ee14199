import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { DataError, openDatabase, secondsFrom, toHeteroGraph, type TemporalSplits } from './index.js';
import { handMadeSchema } from './test_support/hand_made.js';

let splits: TemporalSplits;
beforeAll(async () => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
  const db = await openDatabase(handMadeSchema(), { threads: 1 });
  splits = await db.split({ train: '2024-01-31', val: '2024-02-28', test: '2024-03-31' });
  await db.close();
});

describe('toHeteroGraph', () => {
  test('node and edge stores with features, labels, masks and int32 seconds relative to the cut-off', async () => {
    const before = tf.memory().numTensors;
    const { graph, mask } = splits.train;
    const g = toHeteroGraph(graph, { trainMask: mask });
    const [nodeTypes, edgeTypes] = g.metadata();
    expect(nodeTypes).toEqual(['accounts', 'merchants', 'transactions']);
    expect(edgeTypes.map((t) => t.join(' '))).toEqual(graph.edges.map((e) => e.type.join(' ')));
    const tx = g.node('transactions');
    expect(tx.x!.shape).toEqual([5, graph.nodes['transactions']!.featureNames.length]);
    expect(Array.from(await tx.x!.data())).toEqual(Array.from(graph.nodes['transactions']!.x));
    expect(Array.from(await tx.trainMask!.data()).map(Number)).toEqual([1, 1, 1, 0, 0]);
    // 2024-01-01 08:00 is 29 days and 16 hours before the cut-off 2024-01-31 00:00.
    expect((await tx.time!.data())[0]).toBe(-(29 * 86_400 + 16 * 3_600));
    const toAccount = g.edge(['transactions', 'account_id', 'accounts']);
    expect(await toAccount.edgeIndex.array()).toEqual([[0, 1, 2], [0, 1, 2]]);
    expect(toAccount.edgeTime!.dtype).toBe('int32');
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a time beyond int32 seconds of the origin is a DataError naming the store, never a wrapped value', () => {
    const before = tf.memory().numTensors;
    const { graph } = splits.train;
    const century = 100 * 365.25 * 86_400_000;
    expect(() => toHeteroGraph(graph, { timeOrigin: graph.referenceTime + century })).toThrow(DataError);
    expect(() => toHeteroGraph(graph, { timeOrigin: graph.referenceTime + century })).toThrow(/^transactions\.time\[0\]: .* beyond int32 seconds/);
    expect(() => toHeteroGraph(graph, { timeOrigin: NaN })).toThrow(DataError);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(secondsFrom(Float64Array.of(Date.parse('2024-01-01'), Date.parse('2024-01-02')), Date.parse('2024-01-02')))).toEqual([-86_400, 0]);
    expect(() => secondsFrom(Float64Array.of(0, 2 ** 31 * 1000), 0, 'edgeTime')).toThrow(/^edgeTime\[1\]: /);
  });
});
