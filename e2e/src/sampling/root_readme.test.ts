/**
 * The root README's "Mini-batches" example, run as written (with
 * `@gnnjs/backend-cpu`, as it says): a stochastic block model from
 * `@gnnjs/datasets`, a GCN from `@gnnjs/layers` trained by `fit`
 * (`@gnnjs/train`) from a `NeighborLoader` sampling in two worker threads
 * (`@gnnjs/sampling/node`). It must learn, leave no tensor behind and no
 * worker running.
 */
import '@gnnjs/backend-cpu';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { liveSamplerWorkers } from '@gnnjs/sampling/node';
import { expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

const README = path.join(REPO_ROOT, 'README.md');

/** The first ```ts block under "## Mini-batches". */
function example(): string {
  const readme = readFileSync(README, 'utf8');
  const at = readme.search(/^## Mini-batches$/m);
  const code = at < 0 ? undefined : /```ts\n([\s\S]*?)```/.exec(readme.slice(at))?.[1];
  if (code === undefined) throw new Error(`${README} has no \`\`\`ts block under "## Mini-batches"`);
  return code;
}

it('runs the root README\'s "Mini-batches" example: it learns from sampled batches, frees every tensor and stops its workers', async () => {
  const code = example();
  expect(code).toContain('new NeighborLoader(');
  const dir = path.join(REPO_ROOT, 'e2e', '.vitest', 'readme');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'minibatch_example.ts');
  writeFileSync(file, code);
  const lines: unknown[][] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args));
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  try {
    await import(/* @vite-ignore */ file);
  } finally {
    log.mockRestore();
  }
  const accuracy = Number(/test accuracy ([\d.]+)/.exec(String(lines[0]?.[0]))?.[1]);
  expect(accuracy).toBeGreaterThan(0.8);
  expect(tf.memory().numTensors).toBe(before);
  expect(liveSamplerWorkers()).toBe(0);
}, 300_000);
