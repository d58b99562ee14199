import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError, readCheckpoint, saveCheckpoint, weightsToTensors, type CheckpointConfig } from './checkpoint.js';
import { defaultHyperParameters } from './config.js';

const config: CheckpointConfig = {
  format: 'gnnjs-checkpoint',
  version: 1,
  dataset: 'karate',
  model: 'gat',
  seed: 0,
  hyperParameters: { ...defaultHyperParameters('gat'), epochs: 5 },
  numFeatures: 34,
  numClasses: 4,
  normalizeFeatures: true,
  epoch: 5,
  backend: 'cpu',
};

describe('checkpoint', () => {
  let dir: string;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'gnnjs-ckpt-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips config and float32 weights exactly', async () => {
    const w = tf.tensor2d([[0.1, -2.5e-8, 3], [4, 5, Math.PI]]);
    await saveCheckpoint(dir, config, { 'conv1.lin.weight': w });
    const read = await readCheckpoint(dir);
    expect(read.config).toEqual(config);
    const tensors = weightsToTensors(read.weights);
    expect(tensors['conv1.lin.weight']?.shape).toEqual([2, 3]);
    expect(Array.from(await tensors['conv1.lin.weight']!.data())).toEqual(Array.from(await w.data()));
    tf.dispose([w, ...Object.values(tensors)]);
  });

  it('names the file and the problem when a checkpoint is broken', async () => {
    await writeFile(join(dir, 'weights.json'), '{"a": {"shape": [2], "data": [1]}}');
    await expect(readCheckpoint(dir)).rejects.toThrow(/weights\.json: entry 'a' has 1 values for shape \[2\]/);
    await writeFile(join(dir, 'config.json'), '{"format": "something else"}');
    await expect(readCheckpoint(dir)).rejects.toBeInstanceOf(CheckpointError);
    await writeFile(join(dir, 'config.json'), 'not json');
    await expect(readCheckpoint(dir)).rejects.toThrow(/config\.json: not valid JSON/);
  });
});
