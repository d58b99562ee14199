import '@gnnjs/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeSplits, makeSplits, trainGraphModel } from './graph_transformer.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('graph transformer experiment', () => {
  it('GPS (LapPE) trains 100 epochs of mini-batches with fit without tensor growth, and frees everything', async () => {
    const before = tf.memory().numTensors;
    const splits = makeSplits({ seed: 1, withPE: true, numTrain: 4, numVal: 2, numTest: 2 });
    const counts: number[] = [];
    const result = await trainGraphModel('gps-lappe', splits, { seed: 1, epochs: 100, onEpochEnd: () => void counts.push(tf.memory().numTensors) });
    expect(result.history).toHaveLength(100);
    expect(result.last.loss).toBeLessThan(result.history[0]!.loss);
    expect(counts[counts.length - 1]).toBe(counts[0]);
    disposeSplits(splits);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);
});
