/**
 * The root README's "Mini-batches" example, run as written (with
 * `@gnnjs/backend-cpu`, as it says): a stochastic block model from
 * `@gnnjs/datasets`, a GCN from `@gnnjs/layers` trained by `fit`
 * (`@gnnjs/train`) from a `NeighborLoader` sampling in two worker threads
 * (`@gnnjs/sampling/node`). It must learn, leave no tensor behind and no
 * worker running.
 */
import '@gnnjs/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { liveSamplerWorkers } from '@gnnjs/sampling/node';
import { expect, it } from 'vitest';
import { readmeExample, runReadmeExample } from '../support/readme_example.js';

it('runs the root README\'s "Mini-batches" example: it learns from sampled batches, frees every tensor and stops its workers', async () => {
  const code = readmeExample('Mini-batches');
  expect(code).toContain('new NeighborLoader(');
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  const lines = await runReadmeExample(code, 'minibatch_example');
  const accuracy = Number(/test accuracy ([\d.]+)/.exec(String(lines[0]?.[0]))?.[1]);
  expect(accuracy).toBeGreaterThan(0.8);
  expect(tf.memory().numTensors).toBe(before);
  expect(liveSamplerWorkers()).toBe(0);
}, 300_000);
