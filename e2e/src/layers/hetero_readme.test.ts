/**
 * The root README's "Heterogeneous graphs" example, run as written (with
 * `@gnnjs/backend-cpu`, as it says): a heterogeneous SBM from
 * `@gnnjs/datasets`, `toHetero` of a GAT from `@gnnjs/layers`, `fit` from
 * `@gnnjs/train`, and one account's attention per relation. It must learn
 * (test accuracy far above chance) and leave no tensor behind.
 */
import '@gnnjs/backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { readmeExample, runReadmeExample } from '../support/readme_example.js';

it('runs the root README\'s "Heterogeneous graphs" example: it learns, explains account 7 per relation, and frees every tensor', async () => {
  const code = readmeExample('Heterogeneous graphs');
  expect(code).toContain('toHetero(');
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  const lines = await runReadmeExample(code, 'hetero_example');
  const accuracy = Number(/test accuracy ([\d.]+)/.exec(String(lines[0]?.[0]))?.[1]);
  expect(accuracy).toBeGreaterThan(0.7);
  const why = lines[1]?.[0] as Array<{ sourceType: string; perHead: number[] }>;
  expect(why.length).toBeGreaterThan(0);
  expect(why.every((r) => r.sourceType === 'merchant' && r.perHead.length === 4)).toBe(true);
  // The example disposed everything it made.
  expect(tf.memory().numTensors).toBe(before);
}, 300_000);
